package io.takedown.index.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.pdq.PdqHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The index returns exactly what a brute-force scan returns, on random and clustered data. */
class PdqIndexPropertyTest {

    static PdqHash random(Random random) {
        return new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    static PdqHash flip(PdqHash hash, int bits, Random random) {
        PdqHash out = hash;
        java.util.Set<Integer> flipped = new java.util.HashSet<>();
        while (flipped.size() < bits) {
            int bit = random.nextInt(256);
            if (flipped.add(bit)) {
                out = out.flip(bit);
            }
        }
        return out;
    }

    static List<PdqMatch> bruteForce(Map<Integer, PdqHash> entries, PdqHash query, int radius) {
        List<PdqMatch> out = new ArrayList<>();
        entries.forEach((id, hash) -> {
            int distance = hash.hammingDistance(query);
            if (distance <= radius) {
                out.add(new PdqMatch(id, distance));
            }
        });
        out.sort(null);
        return out;
    }

    /**
     * Small delta and fan-in so that sealing, tiered merges and compactions all happen within a try, with
     * removals landing while merges run.
     */
    @Property(tries = 40)
    void sameAsBruteForce_clusteredData_withAddsRemovesAndMerges(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 0, max = 64) int radius,
                                                                 @ForAll @IntRange(min = 1, max = 6_000) int size) {
        Random random = new Random(seed);
        PdqIndex index = new PdqIndex(32, 3, Segment::build);
        Map<Integer, PdqHash> entries = new HashMap<>();
        List<PdqHash> centres = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            PdqHash hash;
            if (!centres.isEmpty() && random.nextInt(3) > 0) {
                hash = flip(centres.get(random.nextInt(centres.size())), random.nextInt(40), random);
            } else {
                hash = random(random);
                centres.add(hash);
            }
            index.add(id, hash);
            entries.put(id, hash);
            if (random.nextInt(4) == 0) {
                int victim = random.nextInt(id + 1);
                PdqHash removed = entries.remove(victim);
                if (removed != null) {
                    assertThat(index.remove(victim, removed)).isTrue();
                }
            }
            if (random.nextInt(500) == 0) {
                checkAll(index, entries, centres, radius, random, 3);
            }
        }
        index.awaitMerges();
        if (size > 32 * 3 * 2) {
            assertThat(index.merges()).isPositive();
        }
        assertThat(index.size()).isEqualTo(entries.size());
        checkAll(index, entries, centres, radius, random, 30);
    }

    private static void checkAll(PdqIndex index, Map<Integer, PdqHash> entries, List<PdqHash> centres, int radius,
                                 Random random, int queries) {
        for (int q = 0; q < queries; q++) {
            PdqHash query = random.nextBoolean() ? flip(centres.get(random.nextInt(centres.size())), random.nextInt(36), random)
                    : random(random);
            assertThat(index.search(query, radius)).isEqualTo(bruteForce(entries, query, radius));
        }
    }

    @Property(tries = 10)
    void bulkLoadedLargeSegment_sameAsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        int size = 1 << 20; // switches to the wide-chunk layout
        long[] words = new long[size * 4];
        int[] ids = new int[size];
        for (int i = 0; i < size; i++) {
            words[i * 4] = random.nextLong();
            words[i * 4 + 1] = random.nextLong();
            words[i * 4 + 2] = random.nextLong();
            words[i * 4 + 3] = random.nextLong();
            ids[i] = i;
        }
        PdqIndex index = PdqIndex.of(words, ids, size);
        for (int q = 0; q < 20; q++) {
            int target = random.nextInt(size);
            PdqHash near = flip(new PdqHash(words[target * 4], words[target * 4 + 1], words[target * 4 + 2],
                    words[target * 4 + 3]), random.nextInt(32), random);
            // Past 31 bits a chunk is probed within 3 bits: more buckets than one batch of probes.
            int radius = q % 2 == 0 ? 31 : 32 + random.nextInt(17);
            List<PdqMatch> found = index.search(near, radius);
            List<PdqMatch> expected = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int d = Long.bitCount(words[i * 4] ^ near.w0()) + Long.bitCount(words[i * 4 + 1] ^ near.w1())
                        + Long.bitCount(words[i * 4 + 2] ^ near.w2()) + Long.bitCount(words[i * 4 + 3] ^ near.w3());
                if (d <= radius) {
                    expected.add(new PdqMatch(i, d));
                }
            }
            expected.sort(null);
            assertThat(found).isEqualTo(expected).isNotEmpty();
        }
    }

    /**
     * Thousands of copies of a few hashes fill single buckets beyond one batch of candidates, and wide radii
     * probe more buckets per chunk than one batch of probes: the batched search must still find every entry.
     */
    @Property(tries = 10)
    void crowdedBuckets_andWideRadii_sameAsBruteForce(@ForAll long seed, @ForAll @IntRange(min = 0, max = 80) int radius) {
        Random random = new Random(seed);
        int size = 12_000;
        long[] words = new long[size * 4];
        int[] ids = new int[size];
        Map<Integer, PdqHash> entries = new HashMap<>();
        List<PdqHash> centres = List.of(random(random), random(random));
        for (int i = 0; i < size; i++) {
            PdqHash hash = i % 3 == 0 ? random(random) : flip(centres.get(i % 2), random.nextInt(3), random);
            words[i * 4] = hash.w0();
            words[i * 4 + 1] = hash.w1();
            words[i * 4 + 2] = hash.w2();
            words[i * 4 + 3] = hash.w3();
            ids[i] = 1_000_000 + i;
            entries.put(ids[i], hash);
        }
        PdqIndex index = PdqIndex.of(words, ids, size);
        checkAll(index, entries, centres, radius, random, 6);
    }
}
