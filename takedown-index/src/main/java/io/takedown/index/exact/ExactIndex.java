package io.takedown.index.exact;

import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;

/**
 * Entry ids by canonical signal value, for signals that match only when equal (MD5, SHA-256, URL). A value
 * may belong to several entries (the same hash in two banks).
 *
 * <p>Kept compact for banks of millions: the index stores a 64-bit fingerprint of each value, not the value,
 * in an open-addressing table (12 bytes per entry at most two-thirds full). {@link #candidates} therefore
 * returns the entries whose value has the same fingerprint; a different value collides with probability
 * about n / 2^64, and the caller, which loads the entries anyway, compares the values. Thread-safe.
 */
public final class ExactIndex {

    private static final int EMPTY = 0;
    private static final int REMOVED = -1;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Slot i holds fingerprint keys[i] of entry ids[i] - 1 (0 = never used, -1 = removed).
    private long[] keys = new long[16];
    private int[] ids = new int[16];
    private int size;
    private int used;

    public void add(int id, String canonicalValue) {
        long key = fingerprint(canonicalValue);
        lock.writeLock().lock();
        try {
            int mask = keys.length - 1;
            int free = -1;
            for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
                int stored = ids[slot];
                if (stored == EMPTY) {
                    if (free < 0) {
                        free = slot;
                        used++;
                    }
                    break;
                }
                if (stored == REMOVED) {
                    if (free < 0) {
                        free = slot;
                    }
                } else if (keys[slot] == key && stored == id + 1) {
                    return; // already indexed
                }
            }
            keys[free] = key;
            ids[free] = id + 1;
            size++;
            if (used * 3L > keys.length * 2L) {
                rehash(Math.max(16, Integer.highestOneBit(Math.max(1, size) * 3) << 1));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean remove(int id, String canonicalValue) {
        long key = fingerprint(canonicalValue);
        lock.writeLock().lock();
        try {
            int mask = keys.length - 1;
            for (int slot = slot(key, mask); ids[slot] != EMPTY; slot = (slot + 1) & mask) {
                if (keys[slot] == key && ids[slot] == id + 1) {
                    ids[slot] = REMOVED;
                    size--;
                    return true;
                }
            }
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Ids of entries whose value has this value's fingerprint (verify the value itself; see above). */
    public int[] candidates(String canonicalValue) {
        long key = fingerprint(canonicalValue);
        lock.readLock().lock();
        try {
            int[] out = new int[2];
            int n = 0;
            int mask = keys.length - 1;
            for (int slot = slot(key, mask); ids[slot] != EMPTY; slot = (slot + 1) & mask) {
                if (ids[slot] != REMOVED && keys[slot] == key) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = ids[slot] - 1;
                }
            }
            return Arrays.copyOf(out, n);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Calls {@code action} with every indexed id. */
    public void forEachId(IntConsumer action) {
        lock.readLock().lock();
        try {
            for (int slot = 0; slot < ids.length; slot++) {
                if (ids[slot] > 0) {
                    action.accept(ids[slot] - 1);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes the (fingerprint, id) pairs; the table is rebuilt on load. */
    public void writeTo(SnapshotWriter out) {
        lock.readLock().lock();
        try {
            out.writeInt(size);
            for (int slot = 0; slot < ids.length; slot++) {
                if (ids[slot] > 0) {
                    out.writeLong(keys[slot]).writeInt(ids[slot] - 1);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    public static ExactIndex readFrom(SnapshotReader in) {
        int count = in.readCount(Integer.MAX_VALUE / 4, "exact entries");
        in.requireRemaining(count * 12L, count + " exact entries");
        ExactIndex index = new ExactIndex();
        index.rehash(Math.max(16, Integer.highestOneBit(Math.max(1, count) * 3) << 1));
        for (int i = 0; i < count; i++) {
            long key = in.readLong();
            int id = in.readInt();
            if (id < 0) {
                throw in.damaged("entry id " + id);
            }
            index.insert(key, id + 1);
        }
        index.size = count;
        return index;
    }

    /** 64-bit FNV-1a over the UTF-16 code units, then a murmur finaliser to spread the low bits. */
    static long fingerprint(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new long[capacity];
        ids = new int[capacity];
        used = 0;
        for (int slot = 0; slot < oldIds.length; slot++) {
            if (oldIds[slot] > 0) {
                insert(oldKeys[slot], oldIds[slot]);
            }
        }
    }

    /** Puts a stored id (id + 1) into a fresh slot; the table has room. */
    private void insert(long key, int storedId) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (ids[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        ids[slot] = storedId;
        used++;
    }
}
