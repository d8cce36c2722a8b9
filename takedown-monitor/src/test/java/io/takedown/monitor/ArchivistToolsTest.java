package io.takedown.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.banks.NewEntry;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.evidence.EvidenceService;
import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.range.Article;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.signals.text.TextSignal;
import io.takedown.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * What the monitor writes, checked with the tools archivists use: webrecorder's warcio.js must read every
 * record of every WARC (and of the WACZ's archive), and ReplayWeb.page must replay the exported page in
 * Chromium. Needs {@code -Dtakedown.tools=DIR} with {@code node_modules/.bin/warcio} and
 * {@code replaywebpage/ui.js} ({@code .ci/archivist-tools.sh} installs them); skipped otherwise.
 */
class ArchivistToolsTest {

    @TempDir
    Path temp;

    @Test
    void warcsAndWacz_readByWarcioAndReplayedByReplayWebPage() throws Exception {
        String tools = System.getProperty("takedown.tools", System.getenv("TAKEDOWN_TOOLS"));
        Assumptions.assumeTrue(tools != null && Files.isExecutable(Path.of(tools, "node_modules/.bin/warcio")),
                "archivists' tools not installed (run .ci/archivist-tools.sh)");
        World world = World.generate(42, RangeSize.SMALL);
        Outlet outlet = world.outlets().getFirst();
        Article banked = world.article(outlet, 4);
        Path warcs = temp.resolve("warcs");
        try (MonitorFixture fixture = new MonitorFixture(Database.open("jdbc:sqlite:" + temp.resolve("t.db")), warcs,
                Channels.readers());
             RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"))).start()) {
            fixture.monitor.addOutlet(outlet.name(), List.of("http://" + outlet.primaryDomain() + "/"), outlet.domains(),
                    Optional.of("NL-IRU"));
            fixture.banks.createBank("texts", "article texts", false, OptionalInt.empty(), OptionalInt.empty(), "ana");
            fixture.banks.add("texts", List.of(NewEntry.of(new TextSignal().hash(banked.text()),
                    Set.of("behaviour:glorification"), banked.id())), "ana");
            fixture.monitor.crawlOnce(CrawlRequest.of(Route.resolver(range::resolve), CrawlSettings.RANGE)
                    .as(fixture.analyst));

            // warcio.js reads every record jwarc wrote, in every file.
            List<Path> files;
            try (var list = Files.list(warcs)) {
                files = list.filter(p -> p.toString().endsWith(".warc.gz")).sorted().toList();
            }
            assertThat(files).isNotEmpty();
            for (Path file : files) {
                assertThat(warcioRecords(tools, file)).as(file.getFileName().toString()).isEqualTo(jwarcRecords(file));
            }

            // The page item, exported and replayed.
            CaptureRow page = fixture.monitor.captures(CaptureQuery.all().url(banked.url()), 10).getFirst();
            assertThat(page.status()).isEqualTo(200);
            EvidenceService evidence = new EvidenceService(fixture.monitor.store(), warcs, temp.resolve("keys"),
                    fixture.cases, fixture.audit, fixture.clock);
            long caseItem = fixture.monitor.store().itemsOfCase(fixture.cases.cases(fixture.analyst).getFirst().id())
                    .stream().filter(id -> fixture.cases.viewItem(fixture.analyst, id).url().equals(banked.url()))
                    .findFirst().orElseThrow();
            Path wacz = temp.resolve("page.wacz");
            evidence.exportItem(fixture.analyst, caseItem, wacz);
            Path inner = temp.resolve("data.warc.gz");
            try (FileSystem zip = FileSystems.newFileSystem(wacz)) {
                Files.copy(zip.getPath("archive/data.warc.gz"), inner);
            }
            assertThat(warcioRecords(tools, inner)).isEqualTo(jwarcRecords(inner));

            Path replay = Path.of(tools, "replaywebpage");
            Assumptions.assumeTrue(Files.isRegularFile(replay.resolve("ui.js"))
                    && Files.isExecutable(Path.of("/usr/bin/chromium")), "ReplayWeb.page or Chromium missing");
            Optional<String> shown = ReplayCheck.replay(replay, wacz, banked.url(), banked.title());
            assertThat(shown).as("ReplayWeb.page shows the archived article").isPresent();
        }
    }

    private static long jwarcRecords(Path file) throws Exception {
        long n = 0;
        try (WarcReader reader = new WarcReader(file)) {
            for (WarcRecord record : reader) {
                n++;
            }
        }
        return n;
    }

    private static long warcioRecords(String tools, Path file) throws Exception {
        Process process = new ProcessBuilder(Path.of(tools, "node_modules/.bin/warcio").toString(), "index",
                file.toString()).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        List<String> lines = new ArrayList<>(out.lines().filter(l -> l.startsWith("{")).toList());
        return lines.size();
    }
}
