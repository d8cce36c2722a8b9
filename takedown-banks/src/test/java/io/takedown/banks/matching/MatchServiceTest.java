package io.takedown.banks.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.takedown.banks.BankEntry;
import io.takedown.banks.BankStore;
import io.takedown.banks.EntryState;
import io.takedown.banks.NewEntry;
import io.takedown.core.ManualClock;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MatchServiceTest {

    @TempDir
    Path home;
    ManualClock clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private <T extends AutoCloseable> T keep(T resource) {
        opened.add(resource);
        return resource;
    }

    private BankStore store(Database database) {
        return new BankStore(database, SignalRegistry.discover(), clock);
    }

    private MatchService service(BankStore store, String folder) {
        return keep(MatchService.open(store, home.resolve(folder), clock));
    }

    static Signal pdq(PdqHash hash) {
        return new Signal("pdq", hash.toHex(), OptionalInt.of(100));
    }

    static PdqHash random(Random random) {
        return new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    static PdqHash near(PdqHash hash, int bits, Random random) {
        PdqHash out = hash;
        for (int i = 0; i < bits; i++) {
            out = out.flip(random.nextInt(256));
        }
        return out;
    }

    private static List<String> describe(List<MatchResult> results) {
        return results.stream().map(r -> r.entry().bankName() + "#" + r.entry().id() + "/" + r.signalType() + "/"
                + r.distance() + (r.suppressed() ? "/suppressed" : "")).toList();
    }

    /**
     * Goal of issue 15: after random adds, removals, quarantines and releases spread over several runs (each a
     * service that loads the previous run's snapshot, catches up and saves), matching gives exactly what an
     * index built from scratch gives.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void snapshotPlusCatchUp_givesExactlyTheResultsOfAFreshRebuild(TestDatabases.Target target) throws Exception {
        Database database = keep(target.open());
        BankStore store = store(database);
        Random random = new Random(42);
        store.createBank("a", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        store.createBank("b", null, false, OptionalInt.of(12), OptionalInt.empty(), "t");
        store.createBank("fp", null, true, OptionalInt.empty(), OptionalInt.empty(), "t");
        List<PdqHash> centres = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            centres.add(random(random));
        }
        List<BankEntry> live = new ArrayList<>();
        List<BankEntry> quarantined = new ArrayList<>();
        // Each PostgreSQL transaction opens a connection (tens of milliseconds): fewer runs there.
        int runs = target.name().equals("sqlite") ? 6 : 4;
        for (int run = 0; run < runs; run++) {
            MatchService service = MatchService.open(store, home.resolve("index"), clock);
            List<NewEntry> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(NewEntry.of(pdq(near(centres.get(random.nextInt(centres.size())), random.nextInt(40), random)),
                        Set.of(), "r" + run));
            }
            batch.add(NewEntry.of(Signal.of("md5", String.format("%032x", random.nextLong() & Long.MAX_VALUE)), Set.of(), "x"));
            String bank = List.of("a", "b", "fp").get(run % 3);
            if (run % 2 == 0) {
                live.addAll(store.add(bank, batch, "t").added());
            } else {
                store.addBatch(bank, batch, "t", "run " + run);
                live = new ArrayList<>(store.activeEntries());
            }
            for (int i = 0; i < 15 && !live.isEmpty(); i++) {
                BankEntry victim = live.remove(random.nextInt(live.size()));
                if (random.nextBoolean()) {
                    store.remove(victim.bankName(), victim.id(), "t", "test");
                } else {
                    quarantined.add(store.quarantine(victim.id(), "test", "t"));
                }
            }
            if (!quarantined.isEmpty() && random.nextBoolean()) {
                BankEntry back = quarantined.remove(random.nextInt(quarantined.size()));
                store.release(back.bankName(), back.id(), "t");
            }
            Matcher matcher = service.matcher(MatchSettings.DEFAULTS);
            List<List<String>> answers = new ArrayList<>();
            List<MatchQuery> queries = new ArrayList<>();
            for (int q = 0; q < 15; q++) {
                queries.add(MatchQuery.of(List.of(pdq(near(centres.get(random.nextInt(centres.size())), random.nextInt(20),
                        random)))));
            }
            for (MatchQuery query : queries) {
                answers.add(describe(matcher.match(query)));
            }
            service.close();
            // A fresh rebuild: no snapshot.
            Path fresh = home.resolve("fresh-" + run);
            try (MatchService rebuilt = MatchService.open(store, fresh, clock)) {
                assertThat(rebuilt.status().opened()).startsWith("built");
                Matcher reference = rebuilt.matcher(MatchSettings.DEFAULTS);
                for (int q = 0; q < queries.size(); q++) {
                    assertThat(answers.get(q)).as("run %d query %d", run, q)
                            .isEqualTo(describe(reference.match(queries.get(q))));
                }
                assertThat(rebuilt.status().signals()).isEqualTo(service.status().signals());
            }
        }
        MatchService last = service(store, "index");
        assertThat(last.status().opened()).startsWith("loaded snapshot");
        assertThat(last.status().signals().get("pdq")).isEqualTo((int) store.activeEntries().stream()
                .filter(e -> e.signal().type().equals("pdq")).count());
    }

    /** Issue 14 item 11: a change committed while a matcher was being built was lost until restart. */
    @Test
    void open_changesCommittedWhileLoading_areNotLost() throws Exception {
        Database database = keep(Database.embedded(home));
        BankStore store = store(database);
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        Random random = new Random(1);
        for (int round = 0; round < 10; round++) {
            AtomicBoolean go = new AtomicBoolean(true);
            List<PdqHash> added = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread writer = new Thread(() -> {
                Random r = new Random(round(added));
                while (go.get()) {
                    PdqHash hash = random(r);
                    store.add("b", List.of(NewEntry.of(pdq(hash), Set.of(), "w")), "t");
                    added.add(hash);
                }
            });
            writer.start();
            MatchService service = MatchService.open(store, home.resolve("index-" + round), clock);
            go.set(false);
            writer.join();
            Matcher matcher = service.matcher(MatchSettings.DEFAULTS);
            for (PdqHash hash : List.copyOf(added)) {
                assertThat(matcher.match(MatchQuery.of(List.of(pdq(hash))))).as("round %d", round).hasSize(1);
            }
            service.close();
        }
    }

    private static long round(List<?> list) {
        return System.identityHashCode(list);
    }

    /**
     * Issue 14 item 11: events arrived after commit and could be reordered, so a removed entry kept matching. A
     * stale index (here: a follower that has not polled yet, and a removal made by another process, which sends
     * this one no event at all) must still never return a removed or quarantined entry.
     */
    @Test
    void match_staleIndex_neverReturnsARemovedOrQuarantinedEntry() {
        Database database = keep(Database.embedded(home));
        BankStore store = store(database);
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        Random random = new Random(3);
        PdqHash removed = random(random);
        PdqHash quarantined = random(random);
        List<BankEntry> entries = store.add("b", List.of(NewEntry.of(pdq(removed), Set.of(), "r"),
                NewEntry.of(pdq(quarantined), Set.of(), "q")), "t").added();
        MatchService service = service(store, "index");
        service.follow(Duration.ofHours(1));
        Matcher matcher = service.matcher(MatchSettings.DEFAULTS);
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(removed))))).hasSize(1);

        BankStore otherProcess = store(database); // its changes reach this service by polling only
        otherProcess.remove("b", entries.get(0).id(), "t", "gone");
        otherProcess.quarantine(entries.get(1).id(), "review", "t");
        assertThat(service.index().pdq.size()).isEqualTo(2); // not caught up yet
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(removed))))).isEmpty();
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(quarantined))))).isEmpty();

        RefreshResult caughtUp = service.refresh();
        assertThat(caughtUp.removed()).isEqualTo(2);
        assertThat(service.index().pdq.size()).isZero();
        otherProcess.release("b", entries.get(1).id(), "t");
        service.refresh();
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(quarantined))))).hasSize(1);
    }

    /**
     * Issue 14 item 11: {@code match()} wrote quarantines on the query path (blocking on the store's write lock,
     * failing the query when the entry had changed). Here another connection holds SQLite's write lock while a
     * query makes the flood guard fire: the query must answer at once; the quarantine follows when the lock goes.
     */
    @Test
    void match_floodGuardFiring_doesNotWriteOnTheQueryPath() throws Exception {
        Database database = keep(Database.embedded(home));
        BankStore store = store(database);
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        PdqHash flat = random(new Random(4));
        long id = store.add("b", List.of(NewEntry.of(pdq(flat), Set.of(), "flat.png")), "t").added().getFirst().id();
        MatchService service = service(store, "index");
        Matcher matcher = service.matcher(new MatchSettings(31, 50, 50, 5, 2.0));
        for (int i = 0; i < 5; i++) {
            assertThat(matcher.match(MatchQuery.of(List.of(pdq(flat))))).hasSize(1);
        }
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(Database.EMBEDDED_FILE));
                 Statement statement = other.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                locked.countDown();
                release.await();
                statement.execute("COMMIT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        locked.await();
        service.follow(Duration.ofHours(1)); // no version check per query while the lock is held
        List<MatchResult> firing = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> matcher.match(MatchQuery.of(List.of(pdq(flat)))));
        assertThat(firing).singleElement().satisfies(result -> assertThat(result.floodQuarantined()).isTrue());
        assertThat(service.quarantining(id)).isTrue(); // on its way, and matching no more meanwhile
        release.countDown();
        holder.join();
        service.flush();
        assertThat(store.entry(id).state()).isInstanceOf(EntryState.Quarantined.class);
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(flat))))).isEmpty();
    }

    /** A quarantine that meets an entry removed meanwhile is dropped quietly; nothing fails. */
    @Test
    void quarantineLater_entryRemovedMeanwhile_isDroppedWithoutFailing() {
        Database database = keep(Database.embedded(home));
        BankStore store = store(database);
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        long id = store.add("b", List.of(NewEntry.of(pdq(random(new Random(5))), Set.of(), "x")), "t").added()
                .getFirst().id();
        MatchService service = service(store, "index");
        store.remove("b", id, "t", "gone");
        service.quarantineLater(id, "flood");
        service.flush();
        assertThat(store.entry(id).state()).isInstanceOf(EntryState.Removed.class);
        assertThat(service.quarantining(id)).isFalse();
    }

    @Test
    void open_damagedSnapshot_isRebuiltOnceWithAMessage_thenLoaded() throws Exception {
        Database database = keep(Database.embedded(home));
        BankStore store = store(database);
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        Random random = new Random(6);
        List<NewEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            entries.add(NewEntry.of(pdq(random(random)), Set.of(), "x"));
        }
        store.add("b", entries, "t");
        try (MatchService first = MatchService.open(store, home.resolve("index"), clock)) {
            assertThat(first.status().opened()).startsWith("built 2,000 entries");
        }
        Path file = home.resolve("index").resolve(MatchService.SNAPSHOT);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        try (MatchService second = MatchService.open(store, home.resolve("index"), clock)) {
            assertThat(second.status().opened()).startsWith("rebuilt 2,000 entries").contains("checksum");
            assertThat(second.status().signals().get("pdq")).isEqualTo(2_000);
        }
        try (MatchService third = MatchService.open(store, home.resolve("index"), clock)) {
            assertThat(third.status().opened()).startsWith("loaded snapshot");
        }
        Files.write(file, new byte[] {1, 2, 3});
        try (MatchService fourth = MatchService.open(store, home.resolve("index"), clock)) {
            assertThat(fourth.status().opened()).contains("truncated");
        }
        try (var files = Files.list(home.resolve("index"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    /** A snapshot made from another database (or a backup restored and changed since) is never used. */
    @Test
    void open_snapshotOfAnotherHistory_isRebuilt() throws Exception {
        Path index = home.resolve("shared-index");
        try (Database one = Database.embedded(home.resolve("one"))) {
            BankStore store = store(one);
            store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
            store.add("b", List.of(NewEntry.of(pdq(random(new Random(7))), Set.of(), "x")), "t");
            MatchService.open(store, index, clock).close();
        }
        try (Database two = Database.embedded(home.resolve("two"))) {
            BankStore store = store(two);
            store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
            PdqHash other = random(new Random(8));
            store.add("b", List.of(NewEntry.of(pdq(other), Set.of(), "y")), "t"); // same version number as in "one"
            try (MatchService service = MatchService.open(store, index, clock)) {
                assertThat(service.status().opened()).startsWith("rebuilt").contains("another history");
                assertThat(service.matcher(MatchSettings.DEFAULTS).match(MatchQuery.of(List.of(pdq(other))))).hasSize(1);
            }
        }
    }

    /** Several processes over one database: each catches up from the change feed, by polling or on query. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void twoProcesses_overOneStore_stayCurrent(TestDatabases.Target target) throws Exception {
        Database first = keep(target.open());
        Database second = keep(target.open());
        BankStore curator = store(first);
        BankStore server = store(second);
        curator.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        MatchService polling = service(server, "server-index");
        polling.follow(Duration.ofMillis(50));
        MatchService onQuery = service(server, "cli-index");
        PdqHash hash = random(new Random(9));
        BankStore.BatchResult batch = curator.addBatch("b", List.of(NewEntry.of(pdq(hash), Set.of(), "x")), "t", null);
        assertThat(onQuery.matcher(MatchSettings.DEFAULTS).match(MatchQuery.of(List.of(pdq(hash))))).hasSize(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (polling.version() < batch.seq() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(polling.version()).isGreaterThanOrEqualTo(batch.seq());
        assertThat(polling.status().signals().get("pdq")).isEqualTo(1);
        assertThat(polling.status().checkedAt()).isNotNull();
    }

    @Test
    void status_reportsSizesVersionAndSnapshot() {
        Database database = keep(Database.embedded(home));
        BankStore store = store(database);
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        store.add("b", List.of(NewEntry.of(pdq(random(new Random(10))), Set.of(), "x"),
                NewEntry.of(Signal.of("url", "https://outlet.test/a"), Set.of(), "y")), "t");
        MatchService service = service(store, "index");
        IndexStatus status = service.status();
        assertThat(status.version()).isEqualTo(store.version());
        assertThat(status.signals()).containsEntry("pdq", 1).containsEntry("url", 1).containsEntry("text", 0);
        assertThat(status.snapshot().version()).isEqualTo(status.version());
        assertThat(status.snapshot().bytes()).isPositive();
        assertThat(status.problem()).isEmpty();
    }

    /**
     * A bulk import hands the index the entries it inserted instead of the index reading them back; the result
     * must be exactly a fresh rebuild's. With another change between the import's chunks, the index catches up
     * from the store instead (and the result is the same).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void refreshWithOwnChanges_givesExactlyTheFreshRebuild_andFallsBackAfterAnotherChange(TestDatabases.Target target) {
        Database database = keep(target.open());
        BankStore store = store(database);
        Random random = new Random(11);
        store.createBank("a", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        List<BankEntry> earlier = new ArrayList<>(store.add("a", List.of(NewEntry.of(pdq(random(random)), Set.of(), "e1"),
                NewEntry.of(pdq(random(random)), Set.of(), "e2"), NewEntry.of(pdq(random(random)), Set.of(), "e3")), "t")
                .added());
        List<PdqHash> imported = new ArrayList<>();
        for (boolean interleaved : new boolean[] {false, true}) {
            MatchService service = service(store, "own-" + interleaved);
            OwnChanges own = service.ownChanges();
            for (int chunk = 0; chunk < 3; chunk++) {
                List<NewEntry> batch = new ArrayList<>();
                // PostgreSQL: 1,000 rows and more go through COPY, fewer through batched inserts; both report ids.
                int size = chunk == 1 ? 1_100 : 150;
                for (int i = 0; i < size; i++) {
                    PdqHash hash = random(random);
                    imported.add(hash);
                    batch.add(new NewEntry(new Signal("pdq", hash.toHex(), OptionalInt.empty()), Set.of(),
                            java.util.Optional.of("c" + chunk), java.util.Optional.empty(),
                            java.util.OptionalDouble.empty(), java.util.Optional.empty()));
                }
                batch.add(NewEntry.of(new Signal("pdq", imported.getFirst().toHex(), OptionalInt.empty()), Set.of(),
                        "repeat")); // already present
                if (chunk > 0) { // the first chunk is a plain hash list (SQLite's narrow insert), the others not
                    batch.add(NewEntry.of(Signal.of("md5", String.format("%032x", random.nextLong() & Long.MAX_VALUE)),
                            Set.of(), "x"));
                }
                BankStore.BatchResult committed = store.addBatch("a", batch, "t", null);
                assertThat(committed.alreadyPresent()).isEqualTo(1);
                own.add(committed);
                if (interleaved && chunk == 1) {
                    BankEntry victim = earlier.removeFirst();
                    store.remove("a", victim.id(), "t", "between two chunks");
                }
            }
            RefreshResult result = service.refresh(own);
            assertThat(service.tookOwnChanges()).as("own changes used").isEqualTo(!interleaved);
            assertThat(result.to()).isEqualTo(store.version());
            assertThat(service.version()).isEqualTo(store.version());
            try (MatchService rebuilt = MatchService.open(store, home.resolve("fresh-" + interleaved), clock)) {
                assertThat(rebuilt.status().opened()).startsWith("built");
                assertThat(service.status().signals()).isEqualTo(rebuilt.status().signals());
                Matcher mine = service.matcher(MatchSettings.DEFAULTS);
                Matcher reference = rebuilt.matcher(MatchSettings.DEFAULTS);
                List<PdqHash> probes = new ArrayList<>(imported.subList(imported.size() - 20, imported.size()));
                probes.add(imported.getFirst());
                earlier.forEach(e -> probes.add(PdqHash.fromHex(e.signal().value())));
                for (PdqHash probe : probes) {
                    MatchQuery query = MatchQuery.of(List.of(pdq(near(probe, 5, random))));
                    assertThat(describe(mine.match(query))).isEqualTo(describe(reference.match(query))).isNotEmpty();
                }
            }
        }
    }
}
