package io.takedown.range.infra;

import io.takedown.range.tls.RangeCa;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The certificates the range's sites present over HTTPS, issued by the range's authority as the
 * infrastructure model says: one key pair per key id and one certificate per certificate id, so a mirror
 * that reuses its outlet's key presents another certificate over the same public key, and sites sharing a
 * certificate present the very same one (its names are every site holding it when first presented; a site
 * registered later that reuses it presents it without its own name, as a careless operator would).
 * Certificates are issued on first use. Thread-safe.
 */
public final class SiteCertificates {

    private final RangeCa ca;
    private final InfraSimulation infra;
    private final Clock clock;
    private final Map<String, KeyPair> keys = new HashMap<>();
    private final Map<String, RangeCa.Issued> certificates = new HashMap<>();

    public SiteCertificates(RangeCa ca, InfraSimulation infra, Clock clock) {
        this.ca = ca;
        this.infra = infra;
        this.clock = clock;
    }

    /** What {@code domain} presents now, if it is a site of the range. */
    public Optional<RangeCa.Issued> of(String domain) {
        Optional<Site> site = infra.site(domain, clock.instant());
        if (site.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(certificate(site.get()));
    }

    private synchronized RangeCa.Issued certificate(Site site) {
        RangeCa.Issued issued = certificates.get(site.certificateId());
        if (issued == null) {
            TreeSet<String> names = new TreeSet<>();
            infra.stateAt(clock.instant()).sites().values().stream()
                    .filter(s -> s.certificateId().equals(site.certificateId())).forEach(s -> names.add(s.domain()));
            names.add(site.domain());
            // The site's own name first: it becomes the subject's common name.
            List<String> ordered = new java.util.ArrayList<>();
            ordered.add(site.domain());
            names.stream().filter(n -> !n.equals(site.domain())).forEach(ordered::add);
            issued = ca.issue(ordered, keys.computeIfAbsent(site.keyId(), k -> RangeCa.newKeyPair()));
            certificates.put(site.certificateId(), issued);
        }
        return issued;
    }

    /**
     * A server context that presents, per handshake, the certificate of the site named by the client (SNI),
     * and {@code fallback} to clients naming no site of the range (an address, another name).
     */
    public SSLContext serverContext(RangeCa.Issued fallback) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new SniKeyManager(name -> name.flatMap(this::of).orElse(fallback))}, null,
                    new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the sites' TLS context: " + e.getMessage(), e);
        }
    }
}
