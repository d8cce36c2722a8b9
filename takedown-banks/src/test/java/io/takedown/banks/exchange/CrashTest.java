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
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: a crash during an import or while the snapshot is written (SIGKILL of a separate JVM, at varied
 * moments) leaves the store with whole chunks only and a snapshot that is the old one or the new one, never
 * one that disagrees with the store: the next start loads it (no rebuild), catches up and answers exactly as
 * an index built from scratch.
 */
class CrashTest {

    static final int CHUNK = 2_000;
    static final int ROWS = 12_000;

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
        int rounds = target.name().equals("sqlite") ? 2 : 1;
        for (int round = 0; round < rounds; round++) {
            // Kill the import after a varied number of committed chunks, or while indexing and saving.
            String killAfter = round % 2 == 0 ? "ready" : "indexing";
            int delayMillis = 50 + random.nextInt(400);
            kill(List.of("import", home.toString(), target.url(), file.toString(), Integer.toString(CHUNK)), killAfter,
                    delayMillis);
            check(target, hashes, true);
            // Kill while snapshots are being written over and over.
            kill(List.of("snapshots", home.toString(), target.url(), Integer.toString(round)), "snapshot 2",
                    random.nextInt(300));
            check(target, hashes, false);
        }
    }

    /** Starts the child, waits for a line of its output, waits a little more, and kills it with SIGKILL. */
    private void kill(List<String> args, String afterLine, int delayMillis) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            List<String> seen = new ArrayList<>();
            while ((line = lines.readLine()) != null && !line.equals(afterLine) && !line.equals("imported")) {
                seen.add(line);
            }
            assertThat(line).as("child output: %s", seen).isNotNull();
            Thread.sleep(delayMillis);
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void check(TestDatabases.Target target, List<String> hashes, boolean importing) throws Exception {
        try (Database database = target.open()) {
            BankStore store = new BankStore(database, SignalRegistry.discover(), Clock.systemUTC());
            int fromFile = (int) store.entries("big", false).stream()
                    .filter(e -> e.provenance().sourceRef().orElse("").startsWith("bank.hex:")).count();
            if (importing) {
                assertThat(fromFile % CHUNK == 0 || fromFile == hashes.size()).as("%d entries", fromFile).isTrue();
            }
            try (MatchService resumed = MatchService.open(store, home.resolve("index"), Clock.systemUTC());
                 MatchService fresh = MatchService.open(store, home.resolve("fresh-" + System.nanoTime()),
                         Clock.systemUTC())) {
                assertThat(resumed.status().opened()).doesNotStartWith("rebuilt");
                assertThat(resumed.status().signals()).isEqualTo(fresh.status().signals());
                var left = resumed.matcher(MatchSettings.DEFAULTS);
                var right = fresh.matcher(MatchSettings.DEFAULTS);
                for (int i = 0; i < hashes.size(); i += 997) {
                    MatchQuery query = MatchQuery.of(List.of(Signal.of("pdq", hashes.get(i))));
                    assertThat(ids(left.match(query))).isEqualTo(ids(right.match(query)));
                }
            }
            try (var files = Files.list(home.resolve("index"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty(); // swept at start
            }
        }
    }

    private static List<Long> ids(List<MatchResult> results) {
        return results.stream().map(r -> r.entry().id()).toList();
    }
}
