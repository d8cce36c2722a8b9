package io.takedown.index.pdq;

import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * An immutable block of hashes with one bucket table per chunk (counting-sorted positions plus offsets),
 * and tombstones for removed entries. Hash words sit together ({@code words[4p..4p+3]}) so a candidate is
 * verified with one cache line.
 */
final class Segment {

    final int size;
    final long[] words;
    final int[] ids;
    final ChunkLayout layout;
    // Per chunk: bucket b's entries are positions[start[b] .. start[b+1]). Arrays when built here, views of the
    // snapshot file when loaded (memory-mapped: a 10M-entry index's tables are most of its bytes).
    private final IntBuffer[] offsets;
    private final IntBuffer[] positions;
    private final AtomicLongArray removed;
    private volatile int removedCount;

    private Segment(int size, long[] words, int[] ids, ChunkLayout layout, IntBuffer[] offsets, IntBuffer[] positions,
                    long[] tombstones) {
        this.size = size;
        this.words = words;
        this.ids = ids;
        this.layout = layout;
        this.offsets = offsets;
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

    /** Builds the tables, one per chunk in parallel. {@code words} holds 4 longs per entry. */
    static Segment build(long[] words, int[] ids, int size) {
        ChunkLayout layout = ChunkLayout.forSize(size);
        int chunks = layout.chunks();
        IntBuffer[] offsets = new IntBuffer[chunks];
        IntBuffer[] positions = new IntBuffer[chunks];
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
            int[] sorted = new int[size];
            int[] sortedKeys = keys; // reused: keys are no longer needed once scattered by the first digit
            scatter(keys, null, tmpKeys, tmpPositions, size, 0, lowBits);
            scatter(tmpKeys, tmpPositions, sortedKeys, sorted, size, lowBits, width - lowBits);
            int[] start = new int[(1 << width) + 1];
            for (int i = 0; i < size; i++) {
                start[sortedKeys[i] + 1]++;
            }
            for (int b = 0; b < (1 << width); b++) {
                start[b + 1] += start[b];
            }
            offsets[k] = IntBuffer.wrap(start);
            positions[k] = IntBuffer.wrap(sorted);
        });
        return new Segment(size, words, ids, layout, offsets, positions, null);
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
        out.writeLongs(words, 0, size * 4);
        out.writeInts(ids, 0, size);
        out.writeLongs(tombstones, 0, tombstones.length);
        for (int k = 0; k < layout.chunks(); k++) {
            out.writeInts(offsets[k]);
            out.writeInts(positions[k]);
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
        long[] words = new long[size * 4];
        in.readLongs(words, 0, words.length);
        int[] ids = new int[size];
        in.readInts(ids, 0, size);
        long[] tombstones = new long[(size + 63) >>> 6];
        in.readLongs(tombstones, 0, tombstones.length);
        IntBuffer[] offsets = new IntBuffer[chunks];
        IntBuffer[] positions = new IntBuffer[chunks];
        for (int k = 0; k < chunks; k++) {
            offsets[k] = in.mapInts((1 << widths[k]) + 1);
            if (offsets[k].get(0) != 0 || offsets[k].get(offsets[k].limit() - 1) != size) {
                throw in.damaged("bucket offsets of chunk " + k);
            }
            positions[k] = in.mapInts(size);
        }
        return new Segment(size, words, ids, layout, offsets, positions, tombstones);
    }

    /**
     * Stable scatter of entries by the digit {@code (key >>> shift) & (2^bits - 1)}. {@code positions}
     * null means the identity (entry i is position i).
     */
    private static void scatter(int[] keys, int[] positions, int[] outKeys, int[] outPositions, int size, int shift,
                                int bits) {
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
            outPositions[at] = positions == null ? i : positions[i];
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
        IntBuffer sorted = positions[0];
        for (int j = offsets[0].get(bucket), end = offsets[0].get(bucket + 1); j < end; j++) {
            int p = sorted.get(j);
            if (ids[p] == id && !isRemoved(p) && sameHash(p, hash)) {
                removed.getAndUpdate(p >>> 6, bits -> bits | (1L << p));
                removedCount++;
                return true;
            }
        }
        return false;
    }

    private boolean sameHash(int p, long[] hash) {
        int base = p * 4;
        return words[base] == hash[0] && words[base + 1] == hash[1] && words[base + 2] == hash[2]
                && words[base + 3] == hash[3];
    }

    void search(long[] query, int radius, MatchSink sink) {
        int[] thresholds = layout.thresholds(radius, size);
        if (thresholds == null) {
            scan(query, radius, sink);
            return;
        }
        long q0 = query[0];
        long q1 = query[1];
        long q2 = query[2];
        long q3 = query[3];
        for (int k = 0; k < thresholds.length; k++) {
            if (thresholds[k] < 0) {
                continue;
            }
            int[] masks = ChunkLayout.masks(layout.widths()[k], thresholds[k]);
            IntBuffer start = offsets[k];
            IntBuffer sorted = positions[k];
            int chunk = layout.chunk(query, 0, k);
            for (int mask : masks) {
                int bucket = chunk ^ mask;
                int end = start.get(bucket + 1);
                for (int j = start.get(bucket); j < end; j++) {
                    int p = sorted.get(j);
                    int base = p << 2;
                    int distance = Long.bitCount(words[base] ^ q0) + Long.bitCount(words[base + 1] ^ q1)
                            + Long.bitCount(words[base + 2] ^ q2) + Long.bitCount(words[base + 3] ^ q3);
                    if (distance <= radius && !isRemoved(p)) {
                        sink.add(ids[p], distance);
                    }
                }
            }
        }
    }

    void scan(long[] query, int radius, MatchSink sink) {
        for (int p = 0; p < size; p++) {
            int base = p << 2;
            int distance = Long.bitCount(words[base] ^ query[0]) + Long.bitCount(words[base + 1] ^ query[1])
                    + Long.bitCount(words[base + 2] ^ query[2]) + Long.bitCount(words[base + 3] ^ query[3]);
            if (distance <= radius && !isRemoved(p)) {
                sink.add(ids[p], distance);
            }
        }
    }

    /** Bytes held (mapped tables included), for the memory report. */
    long bytes() {
        long total = (long) words.length * 8 + (long) ids.length * 4 + (long) removed.length() * 8;
        for (int k = 0; k < offsets.length; k++) {
            total += (long) offsets[k].capacity() * 4 + (long) positions[k].capacity() * 4;
        }
        return total;
    }
}
