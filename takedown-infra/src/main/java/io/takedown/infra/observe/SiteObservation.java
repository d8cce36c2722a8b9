package io.takedown.infra.observe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One site as observed at one time.
 *
 * @param address the address its name resolved to
 * @param cdnAccount the CDN account named by the front's {@code Via} header, when fronted
 * @param pages the home page first, then other pages fetched
 * @param assets favicon, stylesheets, scripts and images, by hash
 */
public record SiteObservation(String host, Instant at, Optional<String> address, Optional<String> cdnAccount,
                              List<PageObservation> pages, List<AssetObservation> assets,
                              Optional<CertificateObservation> certificate) {

    public SiteObservation {
        pages = List.copyOf(pages);
        assets = List.copyOf(assets);
    }

    /** A fetched page. */
    public record PageObservation(String url, int status, String html) {
    }

    /**
     * A fetched asset.
     *
     * @param kind {@code favicon}, {@code stylesheet}, {@code script} or {@code image}
     * @param faviconHash for a favicon, its hash as Shodan computes it ({@link FaviconHash})
     */
    public record AssetObservation(String url, String kind, String contentType, long size, String sha256,
                                   java.util.OptionalInt faviconHash) {
    }

    /** The TLS certificate the site presented: SHA-256 of the certificate and of its public key (SPKI). */
    public record CertificateObservation(String sha256, String spkiSha256, List<String> names) {
    }

    public Optional<PageObservation> home() {
        return pages.stream().filter(p -> p.status() == 200).findFirst();
    }
}
