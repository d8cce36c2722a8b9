package io.takedown.orders.delivery;

import io.takedown.core.TakedownException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How orders are delivered.
 *
 * @param trustAnchors the only certificate authorities delivery trusts (none: every HTTPS endpoint fails)
 * @param allowlist    endpoints delivery may contact
 * @param parallelism  deliveries in flight at once
 * @param maxAttempts  attempts before a message is marked failed (the issuer then delivers out of band)
 * @param firstRetry   wait before the second attempt; doubles per attempt up to {@code maxRetry}
 * @param lease        how long a relay owns the messages it claimed; a relay killed mid-delivery loses
 *                     them to the next one after this (which redelivers under the same idempotency key)
 * @param timeout      connect and answer timeout per attempt
 */
public record DeliverySettings(List<X509Certificate> trustAnchors, EndpointAllowlist allowlist, int parallelism,
                               int maxAttempts, Duration firstRetry, Duration maxRetry, Duration lease,
                               Duration timeout) {

    /** Trust anchors (PEM, {@code *.pem}) and allowlist entries ({@code allowlist}) in {@code DATA_DIR/trust/}. */
    public static final String TRUST_DIRECTORY = "trust";

    public DeliverySettings {
        trustAnchors = List.copyOf(trustAnchors);
        if (parallelism < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("parallelism and attempts must be positive");
        }
    }

    public static DeliverySettings defaults(List<X509Certificate> trustAnchors) {
        return new DeliverySettings(trustAnchors, EndpointAllowlist.loopbackOnly(), 64, 10, Duration.ofSeconds(15),
                Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofSeconds(20));
    }

    public DeliverySettings withRetries(int attempts, Duration first, Duration max) {
        return new DeliverySettings(trustAnchors, allowlist, parallelism, attempts, first, max, lease, timeout);
    }

    public DeliverySettings withParallelism(int inFlight) {
        return new DeliverySettings(trustAnchors, allowlist, inFlight, maxAttempts, firstRetry, maxRetry, lease, timeout);
    }

    /** How long one attempt may wait for its answer (an action day's burst of thousands may want longer). */
    public DeliverySettings withTimeout(Duration perAttempt) {
        return new DeliverySettings(trustAnchors, allowlist, parallelism, maxAttempts, firstRetry, maxRetry, lease,
                perAttempt);
    }

    public DeliverySettings withLease(Duration ownFor) {
        return new DeliverySettings(trustAnchors, allowlist, parallelism, maxAttempts, firstRetry, maxRetry, ownFor, timeout);
    }

    /**
     * Settings from a data directory: every certificate in {@code trust/*.pem} is an anchor; lines of
     * {@code trust/allowlist} are added to the loopback default.
     */
    public static DeliverySettings fromDirectory(Path dataDirectory) {
        Path trust = dataDirectory.resolve(TRUST_DIRECTORY);
        List<X509Certificate> anchors = new ArrayList<>();
        List<String> allow = new ArrayList<>(List.of("127.0.0.0/8", "::1/128"));
        if (Files.isDirectory(trust)) {
            try (DirectoryStream<Path> pems = Files.newDirectoryStream(trust, "*.pem")) {
                for (Path pem : pems) {
                    anchors.addAll(readCertificates(pem));
                }
                Path list = trust.resolve("allowlist");
                if (Files.exists(list)) {
                    allow.addAll(Files.readAllLines(list));
                }
            } catch (IOException e) {
                throw new TakedownException(TakedownException.Kind.IO, "cannot read delivery trust in " + trust
                        + ": " + e.getMessage(), e);
            }
        }
        DeliverySettings defaults = defaults(anchors);
        return new DeliverySettings(anchors, EndpointAllowlist.parse(allow), defaults.parallelism(),
                defaults.maxAttempts(), defaults.firstRetry(), defaults.maxRetry(), defaults.lease(), defaults.timeout());
    }

    static List<X509Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "trust anchor file " + pem
                    + " is not PEM certificates: " + e.getMessage(), e);
        }
    }

    /** A TLS context that trusts the anchors and nothing else (not the JDK's default authorities). */
    public SSLContext tls() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trustAnchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, trustAnchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the delivery TLS context: " + e.getMessage(), e);
        }
    }

    /** The HTTPS transport these settings describe. */
    public Transport transport() {
        return new HttpsTransport(tls(), allowlist, timeout);
    }

    /**
     * The transport for a burst (an action day's strike): Jetty's HTTP/2 client under the same trust, allowlist
     * and timeout, which does less work per request than the JDK's ({@code bench/dispatch-transport.sh}). It
     * holds threads and connections: close it when the burst is over.
     */
    public JettyHttpsTransport burstTransport() {
        return new JettyHttpsTransport(tls(), allowlist, timeout);
    }

    /** Wait before attempt {@code attempt + 1}. */
    public Duration backoff(int attempt) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
