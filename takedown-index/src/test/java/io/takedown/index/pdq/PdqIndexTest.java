package io.takedown.index.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.InvalidInputException;
import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.signals.pdq.PdqHash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdqIndexTest {

    @TempDir
    Path folder;

    @Test
    void chunkThresholdsSatisfyThePigeonholeBound() {
        for (int chunks : new int[] {12, 16}) {
            ChunkLayout layout = ChunkLayout.even(chunks);
            assertThat(java.util.Arrays.stream(layout.widths()).sum()).isEqualTo(256);
            for (int radius = 0; radius <= 40; radius++) {
                int[] t = layout.thresholds(radius, 10_000_000);
                if (t != null) {
                    int sum = 0;
                    for (int threshold : t) {
                        sum += threshold + 1;
                    }
                    assertThat(sum).isGreaterThanOrEqualTo(radius + 1);
                }
            }
        }
    }

    @Test
    void queriesRunWhileAddingAndMerging_andSeeEveryCompletedAdd() throws Exception {
        PdqIndex index = new PdqIndex();
        Random random = new Random(7);
        PdqHash anchor = PdqIndexPropertyTest.random(random);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            results.add(readers.submit(() -> {
                int previous = 0;
                int queries = 0;
                while (!done.get()) {
                    int found = index.search(anchor, 31).size();
                    // Copies of the anchor are only ever added, so a later query never sees fewer.
                    assertThat(found).isGreaterThanOrEqualTo(previous);
                    previous = found;
                    queries++;
                }
                return queries;
            }));
        }
        int copies = 0;
        for (int id = 0; id < 150_000; id++) {
            if (id % 100 == 0) {
                index.add(id, PdqIndexPropertyTest.flip(anchor, 10, random));
                copies++;
            } else {
                index.add(id, PdqIndexPropertyTest.random(random));
            }
        }
        done.set(true);
        for (Future<Integer> result : results) {
            assertThat(result.get()).isPositive();
        }
        readers.shutdown();
        index.awaitMerges();
        assertThat(index.search(anchor, 31)).hasSize(copies);
        assertThat(index.merges()).isPositive();
    }

    /**
     * Issue 14 item 12: the concurrent test never removed. A writer adds and removes near-copies of an anchor
     * while merges run; readers must see every entry whose add completed and no entry whose removal completed.
     */
    @Test
    void queriesRunWhileAddingRemovingAndMerging_neverSeeRemovedEntries() throws Exception {
        PdqIndex index = new PdqIndex(64, 3, Segment::build);
        Random random = new Random(11);
        PdqHash anchor = PdqIndexPropertyTest.random(random);
        // id -> state: 1 = added (completed), 2 = removal started, 3 = removed (completed)
        Map<Integer, Integer> states = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger violations = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            results.add(readers.submit(() -> {
                int queries = 0;
                while (!done.get()) {
                    Map<Integer, Integer> before = Map.copyOf(states);
                    java.util.Set<Integer> found = new java.util.HashSet<>();
                    index.search(anchor, 31).forEach(m -> found.add(m.id()));
                    for (Map.Entry<Integer, Integer> entry : before.entrySet()) {
                        boolean present = found.contains(entry.getKey());
                        // Added before the query and no removal started until after it: must be found.
                        boolean mustBeFound = entry.getValue() == 1 && states.get(entry.getKey()) == 1;
                        if (mustBeFound && !present || entry.getValue() == 3 && present) {
                            violations.incrementAndGet();
                        }
                    }
                    queries++;
                }
                return queries;
            }));
        }
        List<Integer> live = new ArrayList<>();
        Map<Integer, PdqHash> hashes = new ConcurrentHashMap<>();
        for (int id = 0; id < 20_000; id++) {
            PdqHash hash = id % 10 == 0 ? PdqIndexPropertyTest.flip(anchor, 12, random) : PdqIndexPropertyTest.random(random);
            hashes.put(id, hash);
            index.add(id, hash);
            if (id % 10 == 0) {
                states.put(id, 1);
                live.add(id);
            }
            if (id % 7 == 0 && !live.isEmpty()) {
                int victim = live.remove(random.nextInt(live.size()));
                states.put(victim, 2);
                assertThat(index.remove(victim, hashes.get(victim))).isTrue();
                states.put(victim, 3);
            }
        }
        done.set(true);
        for (Future<Integer> result : results) {
            assertThat(result.get()).isPositive();
        }
        readers.shutdown();
        index.awaitMerges();
        assertThat(violations.get()).isZero();
        assertThat(index.merges()).isPositive();
        assertThat(index.search(anchor, 31)).extracting(PdqMatch::id).containsExactlyInAnyOrderElementsOf(live);
    }

    /**
     * Issue 14 item 12: a merge that threw left the index believing a merge was running forever (no more merges,
     * removals recorded without bound) and the exception vanished.
     */
    @Test
    void merge_whenBuildFails_keepsTheIndexExact_reportsTheFailure_andMergesAgainLater() {
        AtomicBoolean failNext = new AtomicBoolean(true);
        AtomicInteger builds = new AtomicInteger();
        PdqIndex index = new PdqIndex(16, 2, (words, ids, size) -> {
            // Seals run on the caller's thread; only a background merge (size > capacity) fails.
            if (size > 16 && failNext.getAndSet(false)) {
                throw new OutOfMemoryError("simulated: no room to merge");
            }
            builds.incrementAndGet();
            return Segment.build(words, ids, size);
        });
        Random random = new Random(5);
        Map<Integer, PdqHash> entries = new java.util.HashMap<>();
        for (int id = 0; id < 40; id++) {
            PdqHash hash = PdqIndexPropertyTest.random(random);
            entries.put(id, hash);
            index.add(id, hash);
        }
        assertThatThrownBy(index::awaitMerges).hasMessageContaining("index merge failed")
                .hasRootCauseInstanceOf(OutOfMemoryError.class);
        assertThat(index.merges()).isZero();
        entries.forEach((id, hash) -> assertThat(index.search(hash, 0)).containsExactly(new PdqMatch(id, 0)));

        for (int id = 40; id < 200; id++) {
            PdqHash hash = PdqIndexPropertyTest.random(random);
            entries.put(id, hash);
            index.add(id, hash);
            if (id % 3 == 0) {
                assertThat(index.remove(id - 20, entries.remove(id - 20))).isTrue();
            }
        }
        index.awaitMerges();
        assertThat(index.merges()).isPositive();
        assertThat(index.mergeFailure()).isEmpty();
        assertThat(index.size()).isEqualTo(entries.size());
        entries.forEach((id, hash) -> assertThat(index.search(hash, 0)).containsExactly(new PdqMatch(id, 0)));
    }

    /** Issue 14 item 12: every merge rebuilt the largest segment too; a bulk-loaded segment must stay as it is. */
    @Test
    void merges_leaveALargeSegmentAlone() {
        Random random = new Random(9);
        int big = 50_000;
        long[] words = new long[big * 4];
        int[] ids = new int[big];
        for (int i = 0; i < big; i++) {
            for (int w = 0; w < 4; w++) {
                words[i * 4 + w] = random.nextLong();
            }
            ids[i] = i;
        }
        PdqIndex index = new PdqIndex(64, 3, Segment::build);
        index.addAll(words, ids, big);
        Segment bulk = index.segments().getFirst();
        for (int id = big; id < big + 5_000; id++) {
            index.add(id, PdqIndexPropertyTest.random(random));
        }
        index.awaitMerges();
        assertThat(index.merges()).isGreaterThan(5);
        assertThat(index.segments()).anyMatch(segment -> segment == bulk);
        assertThat(index.size()).isEqualTo(big + 5_000);
        assertThat(index.segmentCount()).isLessThan(20);
    }

    @Test
    void addAll_buildsOneSegment_smallBatchesGoToTheDelta() {
        Random random = new Random(4);
        PdqIndex index = new PdqIndex(1000, 4, Segment::build);
        long[] words = new long[2000 * 4];
        int[] ids = new int[2000];
        for (int i = 0; i < 2000; i++) {
            for (int w = 0; w < 4; w++) {
                words[i * 4 + w] = random.nextLong();
            }
            ids[i] = i;
        }
        index.addAll(words, ids, 2000);
        assertThat(index.segmentCount()).isEqualTo(1);
        index.addAll(new long[] {1, 2, 3, 4}, new int[] {5000}, 1);
        assertThat(index.segmentCount()).isEqualTo(1);
        assertThat(index.size()).isEqualTo(2001);
        assertThat(index.search(new PdqHash(1, 2, 3, 4), 0)).containsExactly(new PdqMatch(5000, 0));
    }

    @Test
    void snapshotRoundTrips_withTablesTombstonesAndDelta_andDamageIsDetected() throws Exception {
        Random random = new Random(3);
        PdqIndex index = new PdqIndex(4096, 4, Segment::build);
        List<PdqHash> hashes = new ArrayList<>();
        for (int id = 0; id < 20_000; id++) {
            PdqHash hash = PdqIndexPropertyTest.random(random);
            hashes.add(hash);
            index.add(id, hash);
        }
        index.awaitMerges();
        index.remove(5, hashes.get(5));
        index.remove(19_999, hashes.get(19_999)); // in the delta
        Path file = folder.resolve("pdq.idx");
        PdqIndexSnapshot.write(index, file);
        assertThat(Files.list(folder)).containsExactly(file); // no temporary file left behind
        PdqIndex loaded = PdqIndexSnapshot.read(file);
        assertThat(loaded.size()).isEqualTo(19_998);
        assertThat(loaded.segmentCount()).isEqualTo(index.segmentCount());
        assertThat(loaded.search(hashes.get(42), 0)).containsExactly(new PdqMatch(42, 0));
        assertThat(loaded.search(hashes.get(19_998), 0)).containsExactly(new PdqMatch(19_998, 0));
        assertThat(loaded.search(hashes.get(5), 0)).isEmpty();
        assertThat(loaded.search(hashes.get(19_999), 0)).isEmpty();
        for (int q = 0; q < 20; q++) {
            PdqHash query = PdqIndexPropertyTest.flip(hashes.get(random.nextInt(20_000)), 20, random);
            assertThat(loaded.search(query, 31)).isEqualTo(index.search(query, 31));
        }
        // The loaded index keeps working: adds, removes, merges.
        loaded.add(50_000, hashes.get(5));
        assertThat(loaded.remove(42, hashes.get(42))).isTrue();
        assertThat(loaded.search(hashes.get(5), 0)).containsExactly(new PdqMatch(50_000, 0));

        byte[] bytes = Files.readAllBytes(file);
        bytes[1000] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> PdqIndexSnapshot.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checksum");
        Files.write(file, java.util.Arrays.copyOf(bytes, 500));
        assertThatThrownBy(() -> PdqIndexSnapshot.read(file)).hasMessageContaining("truncated");
        Files.writeString(file, "hello, not a snapshot");
        assertThatThrownBy(() -> PdqIndexSnapshot.read(file)).hasMessageContaining("not a PDQ index snapshot");
    }

    /** A damaged count must be refused from the file size, not attempted as a huge allocation. */
    @Test
    void snapshotWithAHugeCount_isRefusedBeforeAllocating() throws Exception {
        PdqIndex index = new PdqIndex();
        index.add(1, PdqIndexPropertyTest.random(new Random(1)));
        Path file = folder.resolve("pdq.idx");
        PdqIndexSnapshot.write(index, file);
        byte[] bytes = Files.readAllBytes(file);
        // magic (8), segment count (4), delta size (4): claim 500 million delta entries.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 500_000_000);
        Files.write(file, bytes);
        assertThatThrownBy(() -> PdqIndexSnapshot.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("damaged");
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            assertThat(reader.size()).isEqualTo(bytes.length - 8);
        }
    }
}
