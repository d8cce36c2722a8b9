package io.takedown.range.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.range.RangeClock;
import io.takedown.range.RangeHttpClient;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.tls.RangeCa;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

class SiteCertificatesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void https_everySitePresentsItsCertificate_sharedKeysAndCertificatesAsModelled() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer server = new RangeServer(world, RangeClock.manual(T0)).start()) {
            RangeHttpClient client = new RangeHttpClient(server.resolver(), server.ca().clientContext());
            List<Site> sites = server.infrastructure().infrastructure().sites();
            Map<String, X509Certificate> presented = new java.util.HashMap<>();
            for (Site site : sites) {
                RangeHttpClient.Response home = client.get("https://" + site.domain() + "/");
                assertThat(home.status()).as(site.domain()).isEqualTo(200);
                RangeHttpClient.Tls tls = home.tls().orElseThrow();
                assertThat(tls.namesHost()).isTrue();
                assertThat(tls.chain().getLast()).isEqualTo(server.ca().certificate());
                if (site.cdnAccount().isPresent()) {
                    assertThat(home.headers().get("via")).contains(site.cdnAccount().get());
                }
                presented.put(site.domain(), tls.certificate());
                // Plain HTTP still answers for the same site.
                assertThat(client.get("http://" + site.domain() + "/").status()).isEqualTo(200);
            }
            Map<String, List<Site>> byKey = sites.stream().collect(Collectors.groupingBy(Site::keyId));
            Map<String, List<Site>> byCertificate = sites.stream().collect(Collectors.groupingBy(Site::certificateId));
            for (Site a : sites) {
                for (Site b : sites) {
                    boolean sameKey = Arrays.equals(presented.get(a.domain()).getPublicKey().getEncoded(),
                            presented.get(b.domain()).getPublicKey().getEncoded());
                    assertThat(sameKey).as(a.domain() + " / " + b.domain()).isEqualTo(a.keyId().equals(b.keyId()));
                    assertThat(presented.get(a.domain()).equals(presented.get(b.domain())))
                            .isEqualTo(a.certificateId().equals(b.certificateId()));
                }
            }
            assertThat(byKey.values()).as("some mirrors reuse their outlet's key").anyMatch(l -> l.size() > 1);
            assertThat(byCertificate.values()).as("some share a certificate").anyMatch(l -> l.size() > 1);
        }
    }

    @Test
    void https_certificateNamingAnotherHost_strictRefuses_recordingClientSaysSo() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer server = new RangeServer(world, RangeClock.manual(T0)).start()) {
            String primary = world.outlets().getFirst().primaryDomain();
            InetSocketAddress address = server.resolveTls(primary).orElseThrow();
            // A name the range does not know, pointed at a provider: it gets the provider's own certificate.
            RangeHttpClient.Resolver stray = (host, tls) -> Optional.of(address);
            RangeHttpClient strict = new RangeHttpClient(stray, server.ca().clientContext());
            assertThatThrownBy(() -> strict.get("https://elsewhere.test/")).isInstanceOf(SSLException.class)
                    .hasMessageContaining("does not name elsewhere.test");
            RangeHttpClient.Response lenient = strict.recordingNames().get("https://elsewhere.test/");
            assertThat(lenient.tls().orElseThrow().namesHost()).isFalse();
            assertThat(lenient.status()).isEqualTo(421);
        }
    }

    @Test
    void https_untrustedAuthority_refusedEvenWhenRecordingNames() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer server = new RangeServer(world, RangeClock.manual(T0)).start()) {
            RangeHttpClient other = new RangeHttpClient(server.resolver(), RangeCa.create().clientContext()).recordingNames();
            String primary = world.outlets().getFirst().primaryDomain();
            assertThatThrownBy(() -> other.get("https://" + primary + "/")).isInstanceOf(SSLException.class);
            Function<String, Optional<InetSocketAddress>> httpOnly = server::resolve;
            assertThatThrownBy(() -> new RangeHttpClient(httpOnly).get("https://" + primary + "/"))
                    .hasMessageContaining("no TLS trust");
        }
    }
}
