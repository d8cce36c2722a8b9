package io.takedown.index.pdq;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a 256-bit hash is cut into chunks for multi-index hashing, and how far each chunk is searched.
 *
 * <p>Generalised pigeonhole principle: if two hashes are within {@code r} bits and chunk {@code i} is
 * searched up to {@code t_i} bits, then every match is found as long as {@code sum(t_i + 1) >= r + 1}.
 * The thresholds are spread greedily where they add the fewest expected candidates, so wide chunks (sparse
 * buckets) take the larger thresholds.
 *
 * @param starts first bit of each chunk
 * @param widths bits of each chunk, at most 24
 */
record ChunkLayout(int[] starts, int[] widths) {

    private static final ConcurrentHashMap<Long, int[]> MASKS = new ConcurrentHashMap<>();

    /** 16 chunks of 16 bits for small segments (small offset tables); 12 chunks of 21-22 bits from 1M up. */
    static ChunkLayout forSize(long entries) {
        return even(entries >= (1 << 20) ? 12 : 16);
    }

    static ChunkLayout even(int chunks) {
        int[] starts = new int[chunks];
        int[] widths = new int[chunks];
        int base = 256 / chunks;
        int wider = 256 % chunks;
        int start = 0;
        for (int i = 0; i < chunks; i++) {
            widths[i] = base + (i < wider ? 1 : 0);
            starts[i] = start;
            start += widths[i];
        }
        return new ChunkLayout(starts, widths);
    }

    int chunks() {
        return widths.length;
    }

    /** Chunk {@code k} of the hash whose words start at {@code words[base]}. */
    int chunk(long[] words, int base, int k) {
        int start = starts[k];
        int word = start >>> 6;
        int offset = start & 63;
        long value = words[base + word] >>> offset;
        if (offset + widths[k] > 64) {
            value |= words[base + word + 1] << (64 - offset);
        }
        return (int) (value & ((1L << widths[k]) - 1));
    }

    /**
     * Per-chunk search thresholds for radius {@code radius}, or {@code null} when enumerating would cost
     * more than scanning {@code entries} hashes (then the caller scans).
     */
    int[] thresholds(int radius, long entries) {
        int m = chunks();
        int[] t = new int[m];
        Arrays.fill(t, -1); // t + 1 = 0: the chunk is not searched
        int budget = radius + 1;
        double[] density = new double[m];
        for (int i = 0; i < m; i++) {
            density[i] = Math.max(entries, 1) / Math.pow(2, widths[i]);
        }
        for (int step = 0; step < budget; step++) {
            int best = -1;
            double bestCost = Double.MAX_VALUE;
            for (int i = 0; i < m; i++) {
                if (t[i] + 1 >= widths[i]) {
                    continue;
                }
                double added = ballSize(widths[i], t[i] + 1) - ballSize(widths[i], t[i]);
                double cost = added * (1 + density[i]);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = i;
                }
            }
            if (best < 0) {
                return null;
            }
            t[best]++;
        }
        double work = 0;
        for (int i = 0; i < m; i++) {
            work += ballSize(widths[i], t[i]) * (1 + density[i]);
        }
        return work > entries ? null : t;
    }

    /** Number of w-bit values within t bits of a point; 0 when t < 0. */
    static double ballSize(int w, int t) {
        double total = 0;
        double term = 1;
        for (int k = 0; k <= t; k++) {
            total += term;
            term = term * (w - k) / (k + 1);
        }
        return total;
    }

    /** Every w-bit value with at most t bits set, fewest bits first (XOR masks to probe). */
    static int[] masks(int w, int t) {
        if (t < 0) {
            return new int[0];
        }
        return MASKS.computeIfAbsent(((long) w << 32) | t, key -> {
            int[] out = new int[(int) ballSize(w, t)];
            int[] count = {0};
            for (int bits = 0; bits <= t; bits++) {
                enumerate(w, bits, 0, 0, out, count);
            }
            return out;
        });
    }

    private static void enumerate(int w, int bitsLeft, int from, int mask, int[] out, int[] count) {
        if (bitsLeft == 0) {
            out[count[0]++] = mask;
            return;
        }
        for (int bit = from; bit <= w - bitsLeft; bit++) {
            enumerate(w, bitsLeft - 1, bit + 1, mask | (1 << bit), out, count);
        }
    }
}
