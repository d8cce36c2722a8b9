package io.takedown.index.pdq;

import io.takedown.signals.pdq.PdqHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exact PDQ Hamming range index: every indexed hash within the radius of a query, always (no approximate
 * candidates are dropped). Thread-safe: queries never block, adds and removes take a short lock.
 *
 * <p>Layout: immutable {@link Segment}s searched by multi-index hashing, plus a {@link Delta} of recent
 * additions searched linearly. A full delta is sealed into a segment; when segments pile up, a background
 * thread merges them while queries keep using the old ones, then swaps. No change ever rebuilds the index
 * in the foreground.
 */
public final class PdqIndex {

    /** Largest delta before it is sealed into a segment. */
    static final int DELTA_CAPACITY = 16_384;
    /** Segments beyond the largest before a background merge starts. */
    static final int MAX_SMALL_SEGMENTS = 6;

    /** What a query reads: one consistent view, replaced whole on every change. */
    private record State(Segment[] segments, Delta delta) {
    }

    private volatile State state = new State(new Segment[0], Delta.EMPTY);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<long[]> removalsDuringMerge = new ArrayList<>();
    private boolean merging;
    private final ExecutorService merger = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "takedown-pdq-index-merge");
        thread.setDaemon(true);
        return thread;
    });

    public PdqIndex() {
    }

    /** Bulk load: one segment built from all entries at once (parallel per chunk table). */
    public static PdqIndex of(long[] words, int[] ids, int size) {
        PdqIndex index = new PdqIndex();
        if (size > 0) {
            index.state = new State(new Segment[] {Segment.build(words, ids, size)}, Delta.EMPTY);
        }
        return index;
    }

    public void add(int id, PdqHash hash) {
        long[] words = words(hash);
        writeLock.lock();
        try {
            State current = state;
            Delta delta = current.delta().append(id, words);
            if (delta.size() < DELTA_CAPACITY) {
                state = new State(current.segments(), delta);
                return;
            }
            Segment sealed = Segment.build(Arrays.copyOf(delta.words(), delta.size() * 4),
                    Arrays.copyOf(delta.ids(), delta.size()), delta.size());
            Segment[] segments = Arrays.copyOf(current.segments(), current.segments().length + 1);
            segments[segments.length - 1] = sealed;
            state = new State(segments, Delta.EMPTY);
            if (segments.length > MAX_SMALL_SEGMENTS + 1 && !merging) {
                merging = true;
                removalsDuringMerge.clear();
                Segment[] toMerge = segments;
                merger.execute(() -> merge(toMerge));
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes the entry with this id and hash; false when it is not indexed. */
    public boolean remove(int id, PdqHash hash) {
        long[] words = words(hash);
        writeLock.lock();
        try {
            State current = state;
            Delta delta = current.delta().without(id, words);
            if (delta != current.delta()) {
                state = new State(current.segments(), delta);
                return true;
            }
            for (Segment segment : current.segments()) {
                if (segment.remove(id, words)) {
                    if (merging) {
                        removalsDuringMerge.add(new long[] {id, words[0], words[1], words[2], words[3]});
                    }
                    return true;
                }
            }
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    /** Every indexed hash within {@code radius} bits of {@code query}, nearest first. */
    public List<PdqMatch> search(PdqHash query, int radius) {
        if (radius < 0 || radius > PdqHash.BITS) {
            throw new IllegalArgumentException("radius must be 0..256, got " + radius);
        }
        long[] q = words(query);
        State current = state;
        MatchSink sink = new MatchSink();
        for (Segment segment : current.segments()) {
            segment.search(q, radius, sink);
        }
        current.delta().search(q, radius, sink);
        return sink.matches();
    }

    /** Live entries. */
    public int size() {
        State current = state;
        int total = current.delta().size();
        for (Segment segment : current.segments()) {
            total += segment.liveCount();
        }
        return total;
    }

    /** Bytes held by the index structures (hashes, ids, tables), for memory reports. */
    public long bytes() {
        State current = state;
        long total = (long) current.delta().words().length * 8 + (long) current.delta().ids().length * 4;
        for (Segment segment : current.segments()) {
            total += segment.bytes();
        }
        return total;
    }

    /** Segments currently searched; tests and reports use it. */
    int segmentCount() {
        return state.segments().length;
    }

    /** Waits until a running background merge has swapped in. */
    public void awaitMerges() {
        try {
            merger.submit(() -> { }).get();
        } catch (Exception e) {
            throw new IllegalStateException("index merge failed", e);
        }
    }

    /** Live entries of every segment and the delta, as {words, ids}; used by merges and snapshots. */
    Live live() {
        State current = state;
        return Live.of(current.segments(), current.delta());
    }

    private void merge(Segment[] toMerge) {
        Live live = Live.of(toMerge, Delta.EMPTY);
        Segment merged = Segment.build(live.words(), live.ids(), live.size());
        writeLock.lock();
        try {
            for (long[] removal : removalsDuringMerge) {
                merged.remove((int) removal[0], new long[] {removal[1], removal[2], removal[3], removal[4]});
            }
            removalsDuringMerge.clear();
            State current = state;
            List<Segment> remaining = new ArrayList<>();
            remaining.add(merged);
            for (Segment segment : current.segments()) {
                if (!Arrays.asList(toMerge).contains(segment)) {
                    remaining.add(segment);
                }
            }
            state = new State(remaining.toArray(Segment[]::new), current.delta());
            merging = false;
        } finally {
            writeLock.unlock();
        }
    }

    static long[] words(PdqHash hash) {
        return new long[] {hash.w0(), hash.w1(), hash.w2(), hash.w3()};
    }

    /** Live (not removed) entries copied out, in segment order. */
    record Live(long[] words, int[] ids, int size) {
        static Live of(Segment[] segments, Delta delta) {
            int total = delta.size();
            for (Segment segment : segments) {
                total += segment.liveCount();
            }
            long[] words = new long[total * 4];
            int[] ids = new int[total];
            int n = 0;
            for (Segment segment : segments) {
                for (int p = 0; p < segment.size; p++) {
                    if (!segment.isRemoved(p)) {
                        System.arraycopy(segment.words, p * 4, words, n * 4, 4);
                        ids[n++] = segment.ids[p];
                    }
                }
            }
            System.arraycopy(delta.words(), 0, words, n * 4, delta.size() * 4);
            System.arraycopy(delta.ids(), 0, ids, n, delta.size());
            n += delta.size();
            return new Live(words, ids, n);
        }
    }
}
