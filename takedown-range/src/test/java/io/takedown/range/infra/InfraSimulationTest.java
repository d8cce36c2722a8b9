package io.takedown.range.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.Article;
import io.takedown.range.Images;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeHttpClient;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InfraSimulationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void infrastructure_sameSeedSameTruth_otherSeedOther() {
        String a = InfraExport.truth(Infrastructure.of(World.generate(42, RangeSize.SMALL))).toString();
        assertThat(InfraExport.truth(Infrastructure.of(World.generate(42, RangeSize.SMALL))).toString()).isEqualTo(a);
        assertThat(InfraExport.truth(Infrastructure.of(World.generate(43, RangeSize.SMALL))).toString()).isNotEqualTo(a);
    }

    @Test
    void infrastructure_everyOutletHasChannelsWithAudienceAndDecoysExist() {
        Infrastructure infra = Infrastructure.of(World.generate(42, RangeSize.SMALL));
        InfraState state = new InfraSimulation(infra).stateAt(T0);
        for (Outlet outlet : infra.world().outlets()) {
            assertThat(state.reach(outlet.id())).isPositive();
            assertThat(infra.channels()).anyMatch(c -> c.outlet().equals(outlet.id()) && c.kind() == ChannelKind.EXTENSION
                    && state.routes(c).size() == 2);
        }
        assertThat(infra.sites()).filteredOn(s -> s.role() == SiteRole.DECOY).hasSizeGreaterThan(5);
        assertThat(infra.sites()).filteredOn(s -> s.role() == SiteRole.MIRROR).hasSizeGreaterThan(10);
    }

    @Test
    void removal_outletPutsTheContentBackElsewhere_servedOnLoopbackAndRecorded() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        RangeClock clock = RangeClock.manual(T0);
        try (RangeServer server = new RangeServer(world, clock).start()) {
            RangeHttpClient client = new RangeHttpClient(server::resolve);
            InfraSimulation infra = server.infrastructure();
            for (Outlet outlet : world.outlets()) {
                Article article = world.article(outlet, 2);
                String provider = infra.site(outlet.primaryDomain(), T0).orElseThrow().provider();
                infra.removalScheduled(article.url(), provider, T0.plus(Duration.ofMinutes(10)), Optional.empty());
            }
            clock.advance(Duration.ofDays(1));
            List<Resurfaced> back = infra.resurfaced(clock.instant());
            assertThat(back).hasSize(world.outlets().size());
            for (Resurfaced item : back) {
                assertThat(item.at()).isAfter(item.removedAt());
                RangeHttpClient.Response page = client.get(item.url());
                assertThat(page.status()).as(item.url()).isEqualTo(200);
                Article article = world.article(world.outlets().stream().filter(o -> o.id().equals(item.outlet()))
                        .findFirst().orElseThrow(), 2);
                assertThat(page.text()).contains(article.text().substring(0, 30));
                RangeHttpClient.Response media = client.get(item.mediaUrl());
                assertThat(media.status()).isEqualTo(200);
                if (item.mediaUrl().endsWith(".png")) {
                    assertThat(media.body()).isEqualTo(Images.png(Images.original(world, article)));
                }
            }
            assertThat(infra.events(clock.instant())).extracting(InfraEvent::kind)
                    .contains(InfraEvent.Kind.CONTENT_REMOVED, InfraEvent.Kind.CONTENT_REHOSTED);
        }
    }

    @Test
    void sites_serveKitsFaviconsAndCdnFronts() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        RangeClock clock = RangeClock.manual(T0);
        try (RangeServer server = new RangeServer(world, clock).start()) {
            RangeHttpClient client = new RangeHttpClient(server::resolve);
            Infrastructure infra = server.infrastructure().infrastructure();
            for (Site site : infra.sites()) {
                assertThat(client.get("http://" + site.domain() + "/favicon.ico").status()).as(site.domain()).isEqualTo(200);
                RangeHttpClient.Response home = client.get("http://" + site.domain() + "/");
                assertThat(home.status()).as(site.domain()).isEqualTo(200);
                site.analyticsId().filter(id -> site.role() != SiteRole.PRIMARY)
                        .ifPresent(id -> assertThat(home.text()).contains(id));
                if (site.cdnAccount().isPresent()) {
                    assertThat(home.headers().get("via")).contains(site.cdnAccount().get());
                }
            }
        }
    }

    @Test
    void strike_takesDownWhatCompliesAndOutletsRebuild() {
        Infrastructure infra = Infrastructure.of(World.generate(42, RangeSize.SMALL));
        InfraSimulation simulation = new InfraSimulation(infra);
        Outlet outlet = infra.world().outlets().getFirst();
        long before = simulation.stateAt(T0).reach(outlet.id());
        Site primary = simulation.site(outlet.primaryDomain(), T0).orElseThrow();
        String updateHost = infra.updateHost(outlet.id());
        simulation.strike(Set.of(Target.domain(primary.domain()), Target.domain(updateHost)), T0);
        long right = simulation.stateAt(T0).reach(outlet.id());
        assertThat(right).isLessThan(before);
        long week = simulation.stateAt(T0.plus(Duration.ofDays(7))).reach(outlet.id());
        assertThat(week).isGreaterThan(right).isLessThan(before);
        assertThat(simulation.events(T0.plus(Duration.ofDays(7)))).extracting(InfraEvent::kind)
                .contains(InfraEvent.Kind.TARGET_STRUCK, InfraEvent.Kind.CHANNEL_LOST, InfraEvent.Kind.DOMAIN_REGISTERED,
                        InfraEvent.Kind.CHANNEL_RESTORED);
    }
}
