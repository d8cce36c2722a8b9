package io.takedown.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.range.Article;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.evolution.ChannelSite;
import io.takedown.range.proxy.RangeProxy;
import io.takedown.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Kills a crawling JVM with SIGKILL at random moments, restarts it, and checks that the finished crawl
 * lost no URL, fetched no finished URL twice, and left only whole WARC records behind.
 */
class CrashResumeTest {

    @TempDir
    Path temp;

    private static long done(String db) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(db);
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(
                     "SELECT COUNT(*) FROM monitor_frontier WHERE state = 'done'")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0; // not created yet
        }
    }

    @Test
    void crawl_killedRepeatedly_resumesWithoutLossOrRefetch() throws Exception {
        World world = World.generate(11, RangeSize.SMALL);
        Outlet outlet = world.outlets().getFirst();
        String db = "jdbc:sqlite:" + temp.resolve("crash.db");
        Path warcs = temp.resolve("warcs");
        SplittableRandom random = new SplittableRandom(16);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"))).start();
             RangeProxy proxy = new RangeProxy(range::resolve).start(0)) {
            int kills = 0;
            long doneBefore = 0;
            for (int run = 0; ; run++) {
                Path log = temp.resolve("child-" + run + ".log");
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), CrawlChild.class.getName(), db, warcs.toString(),
                        Integer.toString(proxy.address().getPort()), outlet.primaryDomain())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (kills >= 3) { // the last run goes to the end
                    assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
                    assertThat(child.exitValue()).as(Files.readString(log)).isZero();
                    break;
                }
                // Wait until this run has committed something, then kill it a random moment later: SIGKILL on
                // Linux, no shutdown hook, no flush, possibly in the middle of a WARC append or a commit.
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (child.isAlive() && done(db) <= doneBefore && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(random.nextInt(800));
                if (!child.isAlive()) {
                    assertThat(child.exitValue()).as(Files.readString(log)).isZero();
                    break;
                }
                child.destroyForcibly().waitFor();
                kills++;
                doneBefore = done(db);
            }
            assertThat(kills).as("the crawl must be killed at least once").isPositive();

            try (Database database = Database.open(db)) {
                FrontierStore store = new FrontierStore(database, Clock.systemUTC());
                assertThat(store.unfinishedCycle()).as("the last run finished the cycle").isEmpty();
                assertThat(store.counts().byState()).containsOnlyKeys("done");
                List<CaptureRow> captures = store.captures(CaptureQuery.all(), Integer.MAX_VALUE).stream()
                        .filter(c -> !c.kind().equals("entry")).toList();
                Map<String, Long> perUrl = captures.stream().collect(Collectors.groupingBy(CaptureRow::url,
                        Collectors.counting()));
                assertThat(perUrl).allSatisfy((url, n) -> assertThat(n).as(url).isEqualTo(url.endsWith("/robots.txt") ? n : 1L));
                Set<String> expected = new HashSet<>(ChannelSite.urls(outlet, world.size().articlesPerOutlet()));
                for (int n = 0; n < world.size().articlesPerOutlet(); n++) {
                    Article article = world.article(outlet, n);
                    expected.add(article.url());
                    expected.add(article.imageUrl());
                }
                assertThat(perUrl.keySet()).containsAll(expected);
                // Every record a capture names is whole and readable where the store says it is.
                Map<String, Set<Long>> offsets = new java.util.HashMap<>();
                try (var files = Files.list(warcs)) {
                    for (Path file : files.toList()) {
                        Set<Long> positions = new HashSet<>();
                        try (WarcReader reader = new WarcReader(file)) {
                            for (WarcRecord record = reader.next().orElse(null); record != null;
                                 record = reader.next().orElse(null)) {
                                positions.add(reader.position());
                                record.body().consume();
                            }
                        }
                        offsets.put(file.getFileName().toString(), positions);
                    }
                }
                Function<CaptureRow, Boolean> readable = c -> offsets.getOrDefault(c.warcFile(), Set.of())
                        .contains(c.warcOffset());
                assertThat(captures).allSatisfy(c -> assertThat(readable.apply(c)).as(c.evidenceRef()).isTrue());
            }
        }
    }
}
