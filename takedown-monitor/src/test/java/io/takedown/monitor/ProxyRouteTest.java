package io.takedown.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.monitor.crawl.FetchLimits;
import io.takedown.monitor.crawl.LoopbackHttp;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.evidence.Exchange;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.proxy.RangeProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyRouteTest {

    @Test
    void get_throughRangeProxy_reachesRangeNamesAndRefusesOthers() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"))).start();
             RangeProxy proxy = new RangeProxy(range::resolve).start(0);
             LoopbackHttp http = new LoopbackHttp(Route.proxy(proxy.address()), "test", Clock.systemUTC())) {
            String domain = world.outlets().getFirst().primaryDomain();
            for (int i = 0; i < 3; i++) { // kept alive through the proxy
                Exchange page = http.get(URI.create("http://" + domain + "/articles/" + i + ".html"), FetchLimits.DEFAULT);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.text()).contains("<article");
            }
            assertThat(http.get(URI.create("http://example.org/"), FetchLimits.DEFAULT).status()).isEqualTo(502);
        }
    }

    @Test
    void get_resolverGivesNonLoopbackAddress_refused() {
        try (LoopbackHttp http = new LoopbackHttp(Route.resolver(host -> Optional.of(
                new InetSocketAddress("192.0.2.1", 80))), "test", Clock.systemUTC())) {
            assertThatThrownBy(() -> http.get(URI.create("http://outlet.test/"), FetchLimits.DEFAULT))
                    .isInstanceOf(IOException.class).hasMessageContaining("outside loopback");
        }
    }
}
