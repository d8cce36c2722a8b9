package io.takedown.index.pdq;

import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import io.takedown.signals.pdq.PdqHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Exact PDQ Hamming range index: every indexed hash within the radius of a query, always (no approximate
 * candidates are dropped). Thread-safe: queries never block, adds and removes take a short lock.
 *
 * <p>Layout: immutable {@link Segment}s searched by multi-index hashing, plus a {@link Delta} of recent
 * additions searched linearly. A full delta is sealed into a segment. Segments are merged by size tier in a
 * background thread while queries keep using the old ones, then swapped in: {@value #MERGE_FAN_IN} segments
 * of one tier become one of the next, so an entry is rewritten a logarithmic number of times and a large
 * bulk-loaded segment is left alone until segments of its own size exist. A segment with many removals is
 * compacted on its own. No change ever rebuilds the index in the foreground.
 */
public final class PdqIndex {

    /** Largest delta before it is sealed into a segment. */
    static final int DELTA_CAPACITY = 16_384;
    /** Segments of one size tier that trigger a merge into the next tier. */
    static final int MERGE_FAN_IN = 4;
    /** Share of removed entries above which a segment is compacted. */
    static final double COMPACT_REMOVED_SHARE = 0.25;

    /** Builds a segment; tests substitute one that fails. */
    @FunctionalInterface
    interface SegmentBuilder {
        Segment build(long[] words, int[] ids, int size);
    }

    /** What a query reads: one consistent view, replaced whole on every change. */
    private record State(Segment[] segments, Delta delta) {
    }

    private final int deltaCapacity;
    private final int fanIn;
    private final SegmentBuilder builder;
    private volatile State state = new State(new Segment[0], Delta.EMPTY);
    private final ReentrantLock writeLock = new ReentrantLock();
    // Guarded by writeLock: the segments being merged and the removals that hit them meanwhile.
    private Set<Segment> merging = Set.of();
    private final List<long[]> removalsDuringMerge = new ArrayList<>();
    private Throwable mergeFailure;
    private long merges;
    private final ThreadPoolExecutor merger;

    public PdqIndex() {
        this(DELTA_CAPACITY, MERGE_FAN_IN, Segment::build);
    }

    /** Tests use small capacities so that sealing and merging happen at small sizes. */
    PdqIndex(int deltaCapacity, int fanIn, SegmentBuilder builder) {
        if (deltaCapacity < 1 || fanIn < 2) {
            throw new IllegalArgumentException("delta capacity >= 1 and fan-in >= 2 required");
        }
        this.deltaCapacity = deltaCapacity;
        this.fanIn = fanIn;
        this.builder = builder;
        // One merge thread at a time, gone when idle (an index per test must not leave a thread behind).
        this.merger = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "takedown-pdq-index-merge");
            thread.setDaemon(true);
            return thread;
        });
        merger.allowCoreThreadTimeOut(true);
    }

    /**
     * Bulk load: one segment built from all entries at once (parallel per chunk table). {@code words} holds 4
     * longs per entry and is copied; the index keeps {@code ids}, so the caller must not change it afterwards.
     */
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
            if (delta.size() < deltaCapacity) {
                state = new State(current.segments(), delta);
                return;
            }
            Segment sealed = builder.build(delta.words(), Arrays.copyOf(delta.ids(), delta.size()), delta.size());
            state = new State(append(current.segments(), sealed), Delta.EMPTY);
            scheduleMerge();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Adds many entries at once: a large batch becomes one segment built in one go (not entry by entry
     * through the delta), a small one goes to the delta. {@code words} holds 4 longs per entry and is copied;
     * the index may keep {@code ids}, so the caller must not change it afterwards.
     */
    public void addAll(long[] words, int[] ids, int count) {
        if (count < Math.max(1, deltaCapacity / 4)) {
            for (int i = 0; i < count; i++) {
                add(ids[i], new PdqHash(words[i * 4], words[i * 4 + 1], words[i * 4 + 2], words[i * 4 + 3]));
            }
            return;
        }
        // Ids a little longer than needed are kept as they are (the segment reads only the first count); the
        // segment copies the hashes into its own layout.
        boolean tight = ids.length - count <= ids.length >> 4;
        int[] i = tight ? ids : Arrays.copyOf(ids, count);
        Segment segment = builder.build(words, i, count);
        writeLock.lock();
        try {
            State current = state;
            state = new State(append(current.segments(), segment), current.delta());
            scheduleMerge();
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
                    if (merging.contains(segment)) {
                        removalsDuringMerge.add(new long[] {id, words[0], words[1], words[2], words[3]});
                    }
                    if (merging.isEmpty() && segment.removedCount() > segment.size * COMPACT_REMOVED_SHARE) {
                        scheduleMerge();
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

    /** Calls {@code action} with the id of every live entry. */
    public void forEachId(IntConsumer action) {
        State current = state;
        for (Segment segment : current.segments()) {
            for (int p = 0; p < segment.size; p++) {
                if (!segment.isRemoved(p)) {
                    action.accept(segment.ids[p]);
                }
            }
        }
        for (int p = 0; p < current.delta().size(); p++) {
            action.accept(current.delta().ids()[p]);
        }
    }

    /** Segments currently searched; tests and reports use it. */
    int segmentCount() {
        return state.segments().length;
    }

    /** The segments currently searched (tests check which ones a merge replaced). */
    List<Segment> segments() {
        return List.of(state.segments());
    }

    /** Merges completed since the index was created. */
    public long merges() {
        writeLock.lock();
        try {
            return merges;
        } finally {
            writeLock.unlock();
        }
    }

    /** The last background merge failure, if any; the index stays correct (the old segments stay in use). */
    public Optional<Throwable> mergeFailure() {
        writeLock.lock();
        try {
            return Optional.ofNullable(mergeFailure);
        } finally {
            writeLock.unlock();
        }
    }

    /** Waits until background merges are done; throws if one failed since the last call. */
    public void awaitMerges() {
        while (true) {
            try {
                merger.submit(() -> { }).get();
            } catch (Exception e) {
                throw new IllegalStateException("index merge wait failed", e);
            }
            writeLock.lock();
            try {
                if (mergeFailure != null) {
                    Throwable failure = mergeFailure;
                    mergeFailure = null;
                    throw new IllegalStateException("index merge failed: " + failure, failure);
                }
                if (merging.isEmpty()) {
                    return;
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * Writes the index with its tables (loading needs no rebuild). The view written is the one at the call:
     * removals that happen while the file is written are not in it.
     */
    public void writeTo(SnapshotWriter out) {
        Segment[] segments;
        long[][] tombstones;
        Delta delta;
        writeLock.lock();
        try {
            State current = state;
            segments = current.segments();
            delta = current.delta();
            tombstones = new long[segments.length][];
            for (int s = 0; s < segments.length; s++) {
                tombstones[s] = segments[s].tombstones();
            }
        } finally {
            writeLock.unlock();
        }
        out.writeInt(segments.length);
        for (int s = 0; s < segments.length; s++) {
            segments[s].writeTo(out, tombstones[s]);
        }
        out.writeInt(delta.size());
        out.writeLongs(delta.words(), 0, delta.size() * 4);
        out.writeInts(delta.ids(), 0, delta.size());
    }

    /** Reads what {@link #writeTo} wrote. */
    public static PdqIndex readFrom(SnapshotReader in) {
        int count = in.readCount(1 << 16, "segment count");
        Segment[] segments = new Segment[count];
        for (int s = 0; s < count; s++) {
            segments[s] = Segment.readFrom(in);
        }
        int deltaSize = in.readCount(Integer.MAX_VALUE / 4, "delta size");
        in.requireRemaining(deltaSize * 36L, "delta of " + deltaSize + " entries");
        long[] words = new long[deltaSize * 4];
        int[] ids = new int[deltaSize];
        in.readLongs(words, 0, words.length);
        in.readInts(ids, 0, deltaSize);
        PdqIndex index = new PdqIndex();
        index.state = new State(segments, new Delta(words, ids, deltaSize));
        return index;
    }

    // ------------------------------------------------------------------ merging

    /** Starts a background merge if the policy asks for one and none runs. Caller holds the write lock. */
    private void scheduleMerge() {
        if (!merging.isEmpty()) {
            return;
        }
        Segment[] chosen = pickMerge(state.segments());
        if (chosen.length == 0) {
            return;
        }
        Set<Segment> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(Arrays.asList(chosen));
        merging = set;
        removalsDuringMerge.clear();
        merger.execute(() -> merge(chosen));
    }

    /**
     * The lowest size tier holding at least fan-in segments, merged whole; else the segment with the largest
     * share of removals above the compaction threshold, alone; else nothing.
     */
    private Segment[] pickMerge(Segment[] segments) {
        int maxTier = 0;
        int[] tiers = new int[segments.length];
        for (int s = 0; s < segments.length; s++) {
            tiers[s] = tier(segments[s].liveCount());
            maxTier = Math.max(maxTier, tiers[s]);
        }
        for (int tier = 0; tier <= maxTier; tier++) {
            List<Segment> same = new ArrayList<>();
            for (int s = 0; s < segments.length; s++) {
                if (tiers[s] == tier) {
                    same.add(segments[s]);
                }
            }
            if (same.size() >= fanIn) {
                return same.toArray(Segment[]::new);
            }
        }
        Segment worst = null;
        double worstShare = COMPACT_REMOVED_SHARE;
        for (Segment segment : segments) {
            double share = (double) segment.removedCount() / Math.max(1, segment.size);
            if (share > worstShare) {
                worst = segment;
                worstShare = share;
            }
        }
        return worst == null ? new Segment[0] : new Segment[] {worst};
    }

    /** 0 up to one delta's worth of entries, then one more per factor of fan-in. */
    private int tier(long live) {
        long units = Math.max(1, (live + deltaCapacity - 1) / deltaCapacity);
        int tier = 0;
        while (units > 1) {
            units = (units + fanIn - 1) / fanIn;
            tier++;
        }
        return tier;
    }

    private void merge(Segment[] toMerge) {
        Throwable failure = null;
        try {
            Live live = Live.of(toMerge, Delta.EMPTY);
            Segment merged = live.size() == 0 ? null : builder.build(live.words(), live.ids(), live.size());
            writeLock.lock();
            try {
                if (merged != null) {
                    for (long[] removal : removalsDuringMerge) {
                        merged.remove((int) removal[0], new long[] {removal[1], removal[2], removal[3], removal[4]});
                    }
                }
                State current = state;
                List<Segment> remaining = new ArrayList<>();
                if (merged != null) {
                    remaining.add(merged);
                }
                for (Segment segment : current.segments()) {
                    if (!merging.contains(segment)) {
                        remaining.add(segment);
                    }
                }
                state = new State(remaining.toArray(Segment[]::new), current.delta());
                merges++;
            } finally {
                writeLock.unlock();
            }
        } catch (Throwable t) {
            // Kept for awaitMerges() and mergeFailure(); the old segments stay in use, so the index stays exact.
            failure = t;
        } finally {
            writeLock.lock();
            try {
                merging = Set.of();
                removalsDuringMerge.clear();
                if (failure != null) {
                    mergeFailure = failure;
                } else {
                    scheduleMerge();
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    private static Segment[] append(Segment[] segments, Segment segment) {
        Segment[] out = Arrays.copyOf(segments, segments.length + 1);
        out[segments.length] = segment;
        return out;
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
                for (int p = 0; p < segment.size && n < total; p++) {
                    if (!segment.isRemoved(p)) {
                        segment.copyHash(p, words, n * 4);
                        ids[n++] = segment.ids[p];
                    }
                }
            }
            System.arraycopy(delta.words(), 0, words, n * 4, delta.size() * 4);
            System.arraycopy(delta.ids(), 0, ids, n, delta.size());
            n += delta.size();
            return new Live(n == total ? words : Arrays.copyOf(words, n * 4), n == total ? ids : Arrays.copyOf(ids, n), n);
        }
    }
}
