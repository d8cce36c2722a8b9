package io.takedown.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.banks.NewEntry;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.range.Article;
import io.takedown.range.Copy;
import io.takedown.range.Images;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.signals.Signal;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import io.takedown.range.evolution.ChannelSite;
import io.takedown.range.evolution.Evolution;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MonitorServiceTest {

    @TempDir
    static Path temp;

    static List<TestDatabases.Target> databases() {
        return TestDatabases.fresh(temp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void crawlOnce_smallRange_capturesEveryPageAndMediaThenRevisits(TestDatabases.Target target) throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        Instant start = Instant.parse("2026-03-01T09:00:00Z");
        RangeClock clock = RangeClock.manual(start);
        try (RangeServer range = new RangeServer(world, clock, new Evolution(start, Duration.ofHours(1))).start();
             MonitorFixture fixture = new MonitorFixture(target.open(), temp.resolve("warcs-" + target.name()), Channels.readers())) {
            for (Outlet outlet : world.outlets()) {
                fixture.monitor.addOutlet(outlet.name(), List.of("http://" + outlet.primaryDomain() + "/"),
                        outlet.domains(), Optional.of("NL-IRU"));
            }
            // Bank one original image: its copies on mirrors must turn into case items.
            Article banked = world.article(world.outlets().getFirst(), 3);
            PdqResult pdq = new PdqImageHashing().hash(new ImageDecoder().decode(
                    Images.png(Images.original(world, banked)), banked.id()));
            fixture.banks.createBank("outlet-o00", "test", false, java.util.OptionalInt.empty(),
                    java.util.OptionalInt.empty(), "ana");
            fixture.banks.add("outlet-o00", List.of(NewEntry.of(new Signal("pdq", pdq.hash().toHex(),
                    java.util.OptionalInt.of(pdq.quality())), Set.of("behaviour:glorification"), banked.id())), "ana");

            CrawlSummary first = fixture.monitor.crawlOnce(CrawlRequest.of(Route.resolver(range::resolve),
                    CrawlSettings.RANGE).as(fixture.analyst));

            assertThat(first.complete()).isTrue();
            Set<String> captured = fixture.monitor.captures(CaptureQuery.all(), 1_000_000).stream()
                    .filter(c -> c.status() == 200).map(CaptureRow::url).collect(Collectors.toSet());
            Set<String> expected = new HashSet<>();
            for (Outlet outlet : world.outlets()) {
                expected.addAll(ChannelSite.urls(outlet, range.published(outlet)));
            }
            world.articles().forEach(article -> {
                expected.add(article.url());
                expected.add(article.imageUrl());
                for (Copy copy : world.copies(article)) {
                    expected.add(copy.url());
                    if (copy.image()) {
                        expected.add(copy.mediaUrl());
                    }
                }
            });
            assertThat(captured).containsAll(expected);
            List<CaptureRow> all = fixture.monitor.captures(CaptureQuery.all(), 1_000_000);
            assertThat(all).as(() -> all.stream().filter(c -> c.channel().equals("mail"))
                    .map(c -> c.url() + " " + c.kind() + "/" + c.mediaType() + "/" + c.signals().get("error"))
                    .distinct().toList().toString())
                    .filteredOn(c -> c.channel().equals("mail") && c.kind().equals("entry")
                    && c.mediaType().equals("image/png")).isNotEmpty(); // newsletter attachments, hashed
            assertThat(all).filteredOn(c -> c.channel().equals("package") && c.signals().containsKey("package_kind"))
                    .hasSize(3 * world.outlets().size());
            assertThat(first.hits()).isGreaterThanOrEqualTo(2); // the original and at least one altered copy
            assertThat(first.caseItems()).isEqualTo(first.hits());
            assertThat(fixture.cases.cases(fixture.analyst)).hasSize(1);

            clock.advance(Duration.ofHours(2)); // every outlet publishes two more articles
            CrawlSummary second = fixture.monitor.crawlOnce(CrawlRequest.of(Route.resolver(range::resolve),
                    CrawlSettings.RANGE).as(fixture.analyst));
            assertThat(second.cycle()).isGreaterThan(first.cycle());
            List<CaptureRow> cycle2 = fixture.monitor.captures(CaptureQuery.all().cycle(second.cycle()), 1_000_000);
            Set<String> fresh = cycle2.stream().filter(c -> c.kind().equals("response")).map(CaptureRow::url)
                    .collect(Collectors.toSet());
            for (Outlet outlet : world.outlets()) {
                int n = world.size().articlesPerOutlet();
                assertThat(fresh).contains(world.article(outlet, n).url(), world.article(outlet, n + 1).url(),
                        world.article(outlet, n + 1).imageUrl());
                assertThat(fresh).doesNotContain(world.article(outlet, 0).url());
            }
            assertThat(second.result().revisits()).isGreaterThan(second.result().newItems() * 3);
            assertThat(second.caseItems()).isZero();
        }
    }
}
