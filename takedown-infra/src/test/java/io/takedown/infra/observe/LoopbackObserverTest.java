package io.takedown.infra.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.infra.Infrastructure;
import io.takedown.range.infra.Site;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackObserverTest {

    @Test
    void observe_overHttps_recordsCertificateAndKeyFingerprints_asTheRangeShares() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        RangeClock clock = RangeClock.manual(Infrastructure.START.plus(Duration.ofHours(9)));
        try (RangeServer server = new RangeServer(world, clock).start()) {
            LoopbackObserver observer = new LoopbackObserver(server.resolver(), server.ca().clientContext(), clock);
            List<Site> sites = server.infrastructure().infrastructure().sites();
            Site primary = sites.getFirst();
            Site sharingKey = sites.stream().filter(s -> s != primary && s.keyId().equals(primary.keyId())).findFirst()
                    .orElseGet(() -> sites.stream().filter(s -> s.role() == primary.role() && s != primary).findFirst().orElseThrow());
            SiteObservation a = observer.observe(primary.domain());
            SiteObservation b = observer.observe(sharingKey.domain());
            assertThat(a.home()).isPresent();
            assertThat(a.home().orElseThrow().url()).startsWith("https://");
            SiteObservation.CertificateObservation ca = a.certificate().orElseThrow();
            SiteObservation.CertificateObservation cb = b.certificate().orElseThrow();
            assertThat(ca.sha256()).hasSize(64);
            assertThat(ca.names()).contains(primary.domain());
            assertThat(ca.spkiSha256().equals(cb.spkiSha256())).isEqualTo(primary.keyId().equals(sharingKey.keyId()));
            assertThat(ca.sha256().equals(cb.sha256())).isEqualTo(primary.certificateId().equals(sharingKey.certificateId()));
            assertThat(a.assets()).anyMatch(asset -> asset.kind().equals("favicon"));
            // Plain HTTP observation still works, without a certificate.
            SiteObservation plain = new LoopbackObserver(server::resolve, clock).observe(primary.domain());
            assertThat(plain.home()).isPresent();
            assertThat(plain.certificate()).isEmpty();
            assertThat(plain.assets()).extracting(SiteObservation.AssetObservation::sha256)
                    .containsExactlyInAnyOrderElementsOf(a.assets().stream().map(SiteObservation.AssetObservation::sha256).toList());
        }
    }
}
