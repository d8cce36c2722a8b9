package io.takedown.index.pdq;

import java.util.Arrays;

/**
 * Recent additions, scanned linearly until they are sealed into a {@link Segment}. Append-only for
 * readers: a reader sees the entries up to the {@code size} of the view it holds; slots beyond are
 * written before a larger view is published. Removal copies (deltas are small).
 */
record Delta(long[] words, int[] ids, int size) {

    static final Delta EMPTY = new Delta(new long[0], new int[0], 0);

    Delta append(int id, long[] hash) {
        long[] w = words;
        int[] i = ids;
        if (size == i.length) {
            int capacity = Math.max(64, size * 2);
            w = Arrays.copyOf(words, capacity * 4);
            i = Arrays.copyOf(ids, capacity);
        }
        System.arraycopy(hash, 0, w, size * 4, 4);
        i[size] = id;
        return new Delta(w, i, size + 1);
    }

    /** A copy without the entry, or this delta when it is not here. */
    Delta without(int id, long[] hash) {
        for (int p = 0; p < size; p++) {
            int base = p * 4;
            if (ids[p] == id && words[base] == hash[0] && words[base + 1] == hash[1] && words[base + 2] == hash[2]
                    && words[base + 3] == hash[3]) {
                long[] w = Arrays.copyOf(words, size * 4);
                int[] i = Arrays.copyOf(ids, size);
                System.arraycopy(w, (p + 1) * 4, w, p * 4, (size - p - 1) * 4);
                System.arraycopy(i, p + 1, i, p, size - p - 1);
                return new Delta(w, i, size - 1);
            }
        }
        return this;
    }

    void search(long[] query, int radius, MatchSink sink) {
        for (int p = 0; p < size; p++) {
            int base = p << 2;
            int distance = Long.bitCount(words[base] ^ query[0]) + Long.bitCount(words[base + 1] ^ query[1])
                    + Long.bitCount(words[base + 2] ^ query[2]) + Long.bitCount(words[base + 3] ^ query[3]);
            if (distance <= radius) {
                sink.add(ids[p], distance);
            }
        }
    }
}
