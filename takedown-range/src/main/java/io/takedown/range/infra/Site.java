package io.takedown.range.infra;

import java.time.Instant;
import java.util.Optional;

/**
 * A domain in the range and what it runs on, as the ground truth knows it.
 *
 * @param outlet the outlet that runs it; empty for a decoy
 * @param provider the hosting provider of its origin (hidden behind a CDN when {@code cdnAccount} is set)
 * @param keyId the TLS key it serves with; mirrors sometimes reuse their outlet's key
 * @param certificateId the certificate; several domains may share one (several names in one certificate)
 * @param analyticsId the tracking ID its pages carry, if any
 * @param favicon which icon it serves at {@code /favicon.ico}
 * @param kit the page template family: {@code outlet:o01} for an outlet's own, else a common theme
 * @param outletCss whether it links its outlet's stylesheet (a shared asset)
 * @param quotes for a decoy news site, the outlet whose articles it quotes
 * @param origin why the site exists: {@code initial}, or the reaction that registered it
 */
public record Site(String domain, Optional<String> outlet, SiteRole role, String provider, String registrar,
                   Optional<String> cdnAccount, String keyId, String certificateId, Optional<String> analyticsId,
                   Favicon favicon, String kit, boolean outletCss, Optional<String> quotes, Instant registeredAt,
                   String origin) {

    /** Which icon a site serves. */
    public enum Favicon {
        /** The outlet's own mark, byte for byte. */
        OUTLET,
        /** The outlet's mark drawn again at another size: same picture, other bytes, other hash. */
        REDRAWN,
        /** The stock icon of a common site builder, shared by many unrelated sites. */
        STOCK,
        /** An icon of the site's own. */
        OWN
    }

    public Site withProvider(String other) {
        return new Site(domain, outlet, role, other, registrar, cdnAccount, keyId, certificateId, analyticsId, favicon,
                kit, outletCss, quotes, registeredAt, origin);
    }

    public Site withCdn(Optional<String> account) {
        return new Site(domain, outlet, role, provider, registrar, account, keyId, certificateId, analyticsId, favicon,
                kit, outletCss, quotes, registeredAt, origin);
    }
}
