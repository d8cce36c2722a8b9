package io.takedown.banks.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.banks.BankStore;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.MatchService;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: a crash during an import or while the snapshot is written (SIGKILL of a separate JVM) leaves the
 * store with whole chunks only and a snapshot that is the old one or the new one, never one that disagrees with
 * the store: the next start loads it (no rebuild), catches up and answers exactly as an index built from
 * scratch. The child is stopped by a breakpoint at each crash point and killed there ({@link KillAtBreakpoint}),
 * so every point is hit on any machine, fast or slow.
 */
class CrashTest {

    static final int CHUNK = 2_000;
    static final int ROWS = 12_000;
    private static final String CHANGE_LOG = "io.takedown.banks.ChangeLog";
    private static final String WRITER = "io.takedown.index.snapshot.SnapshotWriter";

    @TempDir
    Path home;

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void sigkillDuringImportOrSnapshotWrite_leavesOldOrNewState(TestDatabases.Target target) throws Exception {
        Random random = new Random(2026);
        List<String> hashes = new ArrayList<>();
        Path file = home.resolve("bank.hex");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < ROWS; i++) {
                String hex = String.format("%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(),
                        random.nextLong());
                hashes.add(hex);
                out.write(hex);
                out.newLine();
            }
        }
        try (Database database = target.open()) {
            new BankStore(database, SignalRegistry.discover(), Clock.systemUTC())
                    .createBank("big", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        }
        List<String> importing = List.of("import", home.toString(), target.url(), file.toString(), Integer.toString(CHUNK));
        Path index = home.resolve("index");

        // Inside the third chunk's transaction (its rows written, not committed): two whole chunks remain.
        KillAtBreakpoint.run(CrashChild.class, importing, new KillAtBreakpoint.Point(CHANGE_LOG, "record", 3), () -> { });
        assertThat(check(target, hashes)).isEqualTo(2 * CHUNK);

        // Every chunk committed, the snapshot not yet written: the next start loads the old one and catches up.
        KillAtBreakpoint.run(CrashChild.class, importing,
                new KillAtBreakpoint.Point(CrashChild.Steps.class.getName(), "indexing", 1), () -> { });
        assertThat(check(target, hashes)).isEqualTo(ROWS);

        // Halfway through writing a snapshot (its temporary file there, not renamed): the old one stays.
        List<String> snapshots = List.of("snapshots", home.toString(), target.url(), "1");
        KillAtBreakpoint.run(CrashChild.class, snapshots, new KillAtBreakpoint.Point(WRITER, "commit", 2),
                () -> assertThat(temporaryFiles(index)).as("a snapshot being written").isNotEmpty());
        check(target, hashes);

        // Renamed into place but the directory not yet forced: the new one is there and agrees with the store.
        KillAtBreakpoint.run(CrashChild.class, List.of("snapshots", home.toString(), target.url(), "2"),
                new KillAtBreakpoint.Point(WRITER, "forceDirectory", 2), () -> { });
        check(target, hashes);
    }

    private static List<Path> temporaryFiles(Path index) {
        try (var files = Files.list(index)) {
            return files.filter(p -> p.toString().endsWith(".tmp")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Opens the store as the next start would: the snapshot must load (no rebuild), agree with a fresh build and
     * leave no temporary file behind; returns how many entries the import's file put in the bank.
     */
    private int check(TestDatabases.Target target, List<String> hashes) throws Exception {
        try (Database database = target.open()) {
            BankStore store = new BankStore(database, SignalRegistry.discover(), Clock.systemUTC());
            int fromFile = (int) store.entries("big", false).stream()
                    .filter(e -> e.provenance().sourceRef().orElse("").startsWith("bank.hex:")).count();
            try (MatchService resumed = MatchService.open(store, home.resolve("index"), Clock.systemUTC());
                 MatchService fresh = MatchService.open(store, home.resolve("fresh-" + System.nanoTime()),
                         Clock.systemUTC())) {
                assertThat(resumed.status().opened()).startsWith("loaded snapshot");
                assertThat(resumed.status().signals()).isEqualTo(fresh.status().signals());
                var left = resumed.matcher(MatchSettings.DEFAULTS);
                var right = fresh.matcher(MatchSettings.DEFAULTS);
                for (int i = 0; i < hashes.size(); i += 997) {
                    MatchQuery query = MatchQuery.of(List.of(Signal.of("pdq", hashes.get(i))));
                    assertThat(ids(left.match(query))).isEqualTo(ids(right.match(query)));
                }
            }
            assertThat(temporaryFiles(home.resolve("index"))).isEmpty(); // swept at start
            return fromFile;
        }
    }

    private static List<Long> ids(List<MatchResult> results) {
        return results.stream().map(r -> r.entry().id()).toList();
    }
}
