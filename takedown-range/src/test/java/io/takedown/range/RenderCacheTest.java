package io.takedown.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderCacheTest {

    @Test
    void cacheRendered_repeatedAndOverBudget_servesTheSameBytesAsRendering() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        RangeClock clock = RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"));
        Outlet outlet = world.outlets().getFirst();
        Article article = world.article(outlet, 2);
        List<String> urls = List.of(article.url(), article.imageUrl(), "http://" + outlet.primaryDomain() + "/",
                "http://" + outlet.primaryDomain() + "/articles/99999.html");
        try (RangeServer plain = new RangeServer(world, clock).start();
             RangeServer cached = new RangeServer(world, clock).cacheRendered(64L << 20).start();
             RangeServer tiny = new RangeServer(world, clock).cacheRendered(1).start()) {
            RangeHttpClient fresh = new RangeHttpClient(plain::resolve);
            for (RangeServer server : List.of(cached, tiny)) {
                RangeHttpClient client = new RangeHttpClient(server::resolve);
                for (String url : urls) {
                    RangeHttpClient.Response expected = fresh.get(url);
                    for (int time = 0; time < 2; time++) { // the first renders, the second may come from the cache
                        RangeHttpClient.Response got = client.get(url);
                        assertThat(got.status()).as(url).isEqualTo(expected.status());
                        assertThat(got.body()).as(url).isEqualTo(expected.body());
                        assertThat(got.headers().get("content-type")).as(url)
                                .isEqualTo(expected.headers().get("content-type"));
                    }
                }
            }
        }
    }
}
