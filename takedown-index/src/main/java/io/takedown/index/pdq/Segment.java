package io.takedown.index.pdq;

import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * An immutable block of hashes with one bucket table per chunk (counting-sorted positions plus offsets),
 * and tombstones for removed entries. A hash is kept as two halves, {@code low[2p..2p+1]} (words 0-1) and
 * {@code high[2p..2p+1]} (words 2-3): a candidate's low half (16 bytes, mostly within one cache line, where a
 * whole hash of 32 bytes straddles two lines for half the entries) is already more than the radius away for
 * all but near matches (128 random bits differ in 64 ± 6), so the high half is read only for those.
 */
final class Segment {

    final int size;
    private final long[] low;
    private final long[] high;
    final int[] ids;
    final ChunkLayout layout;
    // Chunk k's bucket b holds positions[k * size + offsets[offsetBase[k] + b] .. k * size + offsets[offsetBase[k]
    // + b + 1]). Heap arrays, also when loaded from a snapshot: a query reads them at random places, and heap
    // pages can be huge pages. All chunks share two arrays: a large segment's tables are then two arrays big
    // enough for the collector to place in the old generation at once, where two dozen smaller ones were
    // copied out of the young generation first (seconds of pauses while a 10M-entry snapshot loaded).
    private final int[] offsets;
    private final int[] offsetBase;
    private final int[] positions;
    private final AtomicLongArray removed;
    /** Per radius: the probe plan ({@link #plan}), or {@link #SCAN}; filled on first use. */
    private final AtomicReferenceArray<Object> plans = new AtomicReferenceArray<>(257);
    private static final Object SCAN = new Object();
    private volatile int removedCount;

    private Segment(int size, long[] low, long[] high, int[] ids, ChunkLayout layout, int[] offsets,
                    int[] positions, long[] tombstones) {
        this.size = size;
        this.low = low;
        this.high = high;
        this.ids = ids;
        this.layout = layout;
        this.offsets = offsets;
        this.offsetBase = offsetBases(layout.widths());
        this.positions = positions;
        this.removed = tombstones == null ? new AtomicLongArray((size + 63) >>> 6) : new AtomicLongArray(tombstones);
        int count = 0;
        if (tombstones != null) {
            for (long bits : tombstones) {
                count += Long.bitCount(bits);
            }
        }
        this.removedCount = count;
    }

    /** Where each chunk's offsets start in the shared offsets array; the last element is its length. */
    private static int[] offsetBases(int[] widths) {
        int[] bases = new int[widths.length + 1];
        for (int k = 0; k < widths.length; k++) {
            bases[k + 1] = bases[k] + (1 << widths[k]) + 1;
        }
        return bases;
    }

    /** Entries of one segment at most: its chunks' positions share one array (12 chunks: 178M entries). */
    static int maxSize(int chunks) {
        return (Integer.MAX_VALUE - 16) / chunks;
    }

    /**
     * Builds the tables, one per chunk in parallel. {@code words} holds 4 longs per entry; it is not kept.
     *
     * @throws IllegalArgumentException above {@link #maxSize} entries
     */
    static Segment build(long[] words, int[] ids, int size) {
        ChunkLayout layout = ChunkLayout.forSize(size);
        int chunks = layout.chunks();
        if (size > maxSize(chunks)) {
            throw new IllegalArgumentException("a PDQ index segment holds at most " + maxSize(chunks) + " entries, got "
                    + size);
        }
        int[] offsetBase = offsetBases(layout.widths());
        int[] offsets = new int[offsetBase[chunks]];
        int[] positions = new int[chunks * size];
        IntStream.range(0, chunks).parallel().forEach(k -> {
            int width = layout.widths()[k];
            int[] keys = new int[size];
            for (int p = 0; p < size; p++) {
                keys[p] = layout.chunk(words, p * 4, k);
            }
            // Two-digit LSD radix sort of positions by chunk value: each scatter pass touches at most a few
            // thousand write cursors, so it stays in cache where a one-pass counting sort over millions of
            // buckets would miss on every element.
            int lowBits = width / 2;
            int[] tmpPositions = new int[size];
            int[] tmpKeys = new int[size];
            int[] sortedKeys = keys; // reused: keys are no longer needed once scattered by the first digit
            scatter(keys, null, tmpKeys, tmpPositions, 0, size, 0, lowBits);
            scatter(tmpKeys, tmpPositions, sortedKeys, positions, k * size, size, lowBits, width - lowBits);
            int base = offsetBase[k];
            for (int i = 0; i < size; i++) {
                offsets[base + sortedKeys[i] + 1]++;
            }
            for (int b = 0; b < (1 << width); b++) {
                offsets[base + b + 1] += offsets[base + b];
            }
        });
        long[] low = new long[size * 2];
        long[] high = new long[size * 2];
        split(words, 0, low, high, 0, size);
        return new Segment(size, low, high, ids, layout, offsets, positions, null);
    }

    /** Copies {@code count} hashes of 4 words from {@code words[from * 4]} into halves from entry {@code at}. */
    private static void split(long[] words, int from, long[] low, long[] high, int at, int count) {
        for (int i = 0; i < count; i++) {
            int w = (from + i) * 4;
            int h = (at + i) * 2;
            low[h] = words[w];
            low[h + 1] = words[w + 1];
            high[h] = words[w + 2];
            high[h + 1] = words[w + 3];
        }
    }

    /** Copies the hash at {@code position} as 4 words into {@code into[at..at+3]}. */
    void copyHash(int position, long[] into, int at) {
        int h = position * 2;
        into[at] = low[h];
        into[at + 1] = low[h + 1];
        into[at + 2] = high[h];
        into[at + 3] = high[h + 1];
    }

    /** The tombstones as they are now; a snapshot writes this copy so removals after it do not tear it. */
    long[] tombstones() {
        long[] copy = new long[removed.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = removed.get(i);
        }
        return copy;
    }

    /**
     * Writes the segment with its tables, so loading needs no rebuild: size, chunk widths, hash words, ids,
     * the given tombstones, then per chunk its offsets and sorted positions.
     */
    void writeTo(SnapshotWriter out, long[] tombstones) {
        out.writeInt(size).writeInt(layout.chunks());
        out.writeInts(layout.widths(), 0, layout.chunks());
        long[] block = new long[4 * Math.min(size, 1 << 16)];
        for (int from = 0; from < size; from += block.length / 4) {
            int count = Math.min(block.length / 4, size - from);
            for (int i = 0; i < count; i++) {
                copyHash(from + i, block, i * 4);
            }
            out.writeLongs(block, 0, count * 4);
        }
        out.writeInts(ids, 0, size);
        out.writeLongs(tombstones, 0, tombstones.length);
        for (int k = 0; k < layout.chunks(); k++) {
            out.writeInts(offsets, offsetBase[k], offsetBase[k + 1] - offsetBase[k]);
            out.writeInts(positions, k * size, size);
        }
    }

    /** Reads what {@link #writeTo} wrote; shapes are checked, contents are trusted to the checksum. */
    static Segment readFrom(SnapshotReader in) {
        int size = in.readCount(Integer.MAX_VALUE / 4, "segment size");
        int chunks = in.readCount(64, "chunk count");
        int[] widths = new int[chunks];
        in.readInts(widths, 0, chunks);
        int[] starts = new int[chunks];
        int start = 0;
        for (int k = 0; k < chunks; k++) {
            if (widths[k] < 1 || widths[k] > 24) {
                throw in.damaged("chunk width " + widths[k]);
            }
            starts[k] = start;
            start += widths[k];
        }
        if (start != 256) {
            throw in.damaged("chunks cover " + start + " bits");
        }
        ChunkLayout layout = new ChunkLayout(starts, widths);
        in.requireRemaining((long) size * (36 + 4L * chunks), "segment of " + size + " entries");
        long[] low = new long[size * 2];
        long[] high = new long[size * 2];
        long[] block = new long[4 * Math.min(size, 1 << 16)];
        for (int from = 0; from < size; from += block.length / 4) {
            int count = Math.min(block.length / 4, size - from);
            in.readLongs(block, 0, count * 4);
            split(block, 0, low, high, from, count);
        }
        int[] ids = new int[size];
        in.readInts(ids, 0, size);
        long[] tombstones = new long[(size + 63) >>> 6];
        in.readLongs(tombstones, 0, tombstones.length);
        if (size > maxSize(chunks)) {
            throw in.damaged("segment of " + size + " entries in " + chunks + " chunks");
        }
        int[] offsetBase = offsetBases(widths);
        int[] offsets = new int[offsetBase[chunks]];
        int[] positions = new int[chunks * size];
        for (int k = 0; k < chunks; k++) {
            int base = offsetBase[k];
            int length = offsetBase[k + 1] - base;
            in.readInts(offsets, base, length);
            if (offsets[base] != 0 || offsets[base + length - 1] != size) {
                throw in.damaged("bucket offsets of chunk " + k);
            }
            in.readInts(positions, k * size, size);
        }
        return new Segment(size, low, high, ids, layout, offsets, positions, tombstones);
    }

    /**
     * Stable scatter of entries by the digit {@code (key >>> shift) & (2^bits - 1)}. {@code positions}
     * null means the identity (entry i is position i).
     */
    private static void scatter(int[] keys, int[] positions, int[] outKeys, int[] outPositions, int outAt, int size,
                                int shift, int bits) {
        int mask = (1 << bits) - 1;
        int[] cursor = new int[(1 << bits) + 1];
        for (int i = 0; i < size; i++) {
            cursor[((keys[i] >>> shift) & mask) + 1]++;
        }
        for (int d = 0; d < (1 << bits); d++) {
            cursor[d + 1] += cursor[d];
        }
        for (int i = 0; i < size; i++) {
            int key = keys[i];
            int at = cursor[(key >>> shift) & mask]++;
            outKeys[at] = key;
            outPositions[outAt + at] = positions == null ? i : positions[i];
        }
    }

    int liveCount() {
        return size - removedCount;
    }

    int removedCount() {
        return removedCount;
    }

    boolean isRemoved(int position) {
        return (removed.get(position >>> 6) & (1L << position)) != 0;
    }

    /** Marks the entry with this id and hash removed; false when it is not here (or already removed). */
    boolean remove(int id, long[] hash) {
        int bucket = layout.chunk(hash, 0, 0);
        for (int j = offsets[bucket], end = offsets[bucket + 1]; j < end; j++) {
            int p = positions[j]; // chunk 0: both tables start at 0
            if (ids[p] == id && !isRemoved(p) && sameHash(p, hash)) {
                removed.getAndUpdate(p >>> 6, bits -> bits | (1L << p));
                removedCount++;
                return true;
            }
        }
        return false;
    }

    private boolean sameHash(int p, long[] hash) {
        int h = p * 2;
        return low[h] == hash[0] && low[h + 1] == hash[1] && high[h] == hash[2] && high[h + 1] == hash[3];
    }

    /**
     * Every live entry within {@code radius} bits of {@code query}, into {@code sink}. Memory-bound: a query at
     * 10M entries reads a few thousand bucket offsets, bucket lists and hashes at random places, so it works in
     * three passes over batches, each pass a loop of independent loads that the processor overlaps: the
     * offsets of a batch of probed buckets, then the candidate positions of those buckets, then the candidates'
     * hashes. One loop doing all three would wait for each load in turn.
     */
    void search(long[] query, int radius, MatchSink sink) {
        int[][] plan = plan(radius);
        if (plan == null) {
            scan(query, radius, sink);
            return;
        }
        Scratch scratch = Scratch.take();
        try {
            int[] from = scratch.from;
            int[] to = scratch.to;
            int[] candidates = scratch.candidates;
            int gathered = 0;
            for (int k = 0; k < plan.length; k++) {
                int[] masks = plan[k];
                if (masks == null) {
                    continue;
                }
                int[] start = offsets;
                int[] sorted = positions;
                int base = offsetBase[k];
                int at = k * size;
                int chunk = layout.chunk(query, 0, k);
                for (int first = 0; first < masks.length; first += Scratch.PROBES) {
                    int probes = Math.min(Scratch.PROBES, masks.length - first);
                    for (int i = 0; i < probes; i++) {
                        int bucket = chunk ^ masks[first + i];
                        from[i] = at + start[base + bucket];
                        to[i] = at + start[base + bucket + 1];
                    }
                    for (int i = 0; i < probes; i++) {
                        int j = from[i];
                        int end = to[i];
                        while (j < end) {
                            if (gathered == candidates.length) {
                                verify(candidates, gathered, query, radius, sink);
                                gathered = 0;
                            }
                            int take = Math.min(end - j, candidates.length - gathered);
                            for (int last = j + take; j < last; j++) {
                                candidates[gathered++] = sorted[j];
                            }
                        }
                    }
                }
            }
            verify(candidates, gathered, query, radius, sink);
        } finally {
            Scratch.give(scratch);
        }
    }

    /**
     * Computes the distance of every gathered candidate; the loads of different candidates overlap. The high
     * half is read only when the low half alone is within the radius.
     */
    private void verify(int[] candidates, int count, long[] query, int radius, MatchSink sink) {
        long q0 = query[0];
        long q1 = query[1];
        long[] lows = low;
        for (int c = 0; c < count; c++) {
            int h = candidates[c] << 1;
            int half = Long.bitCount(lows[h] ^ q0) + Long.bitCount(lows[h + 1] ^ q1);
            if (half <= radius) {
                int p = candidates[c];
                int distance = half + Long.bitCount(high[h] ^ query[2]) + Long.bitCount(high[h + 1] ^ query[3]);
                if (distance <= radius && !isRemoved(p)) {
                    sink.add(ids[p], distance);
                }
            }
        }
    }

    /**
     * Per chunk the XOR masks to probe at this radius (null: the chunk is not probed), or null when scanning
     * every entry costs less. Computed once per radius.
     */
    private int[][] plan(int radius) {
        Object cached = plans.get(radius);
        if (cached == null) {
            int[] thresholds = layout.thresholds(radius, size);
            if (thresholds == null) {
                cached = SCAN;
            } else {
                int[][] masks = new int[thresholds.length][];
                for (int k = 0; k < thresholds.length; k++) {
                    masks[k] = thresholds[k] < 0 ? null : ChunkLayout.masks(layout.widths()[k], thresholds[k]);
                }
                cached = masks;
            }
            plans.set(radius, cached);
        }
        return cached == SCAN ? null : (int[][]) cached;
    }

    void scan(long[] query, int radius, MatchSink sink) {
        for (int p = 0; p < size; p++) {
            int h = p << 1;
            int distance = Long.bitCount(low[h] ^ query[0]) + Long.bitCount(low[h + 1] ^ query[1])
                    + Long.bitCount(high[h] ^ query[2]) + Long.bitCount(high[h + 1] ^ query[3]);
            if (distance <= radius && !isRemoved(p)) {
                sink.add(ids[p], distance);
            }
        }
    }

    /** Bytes held, for the memory report. */
    long bytes() {
        long total = (long) (low.length + high.length) * 8 + (long) ids.length * 4 + (long) removed.length() * 8;
        total += (long) offsets.length * 4 + (long) positions.length * 4;
        return total;
    }
}
