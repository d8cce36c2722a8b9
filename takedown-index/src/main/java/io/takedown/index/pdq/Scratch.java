package io.takedown.index.pdq;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Work arrays of one segment search: the bucket ranges of a batch of probes and a batch of candidate positions.
 * Pooled, because searches run on short-lived virtual threads (one per request), where a thread-local would be
 * allocated again for every query; a search takes a free set and gives it back, and allocates one only when all
 * pooled sets are in use.
 */
final class Scratch {

    /** Probes gathered per batch (bucket offsets read before any bucket is walked). */
    static final int PROBES = 512;
    /** Candidates gathered per batch before they are verified. */
    static final int CANDIDATES = 2048;

    private static final AtomicReferenceArray<Scratch> POOL = new AtomicReferenceArray<>(64);

    final int[] from = new int[PROBES];
    final int[] to = new int[PROBES];
    final int[] candidates = new int[CANDIDATES];

    static Scratch take() {
        int n = POOL.length();
        int start = ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) & (n - 1);
            if (POOL.getPlain(slot) != null) {
                Scratch scratch = POOL.getAndSet(slot, null);
                if (scratch != null) {
                    return scratch;
                }
            }
        }
        return new Scratch();
    }

    static void give(Scratch scratch) {
        int n = POOL.length();
        int start = ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) & (n - 1);
            if (POOL.getPlain(slot) == null && POOL.compareAndSet(slot, null, scratch)) {
                return;
            }
        }
    }
}
