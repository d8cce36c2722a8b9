package io.takedown.index.text;

import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import io.takedown.signals.text.MinHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;

/**
 * Finds indexed texts whose MinHash similarity to a query reaches a threshold. Sketches are cut into
 * {@value #BANDS} bands of {@value #ROWS} values; texts sharing any band become candidates, which are then
 * verified on the full sketch. With these bands a text at similarity 0.5 is a candidate with probability
 * 0.996, at 0.7 with probability 1 - 10^-11; lower thresholds lose recall (0.3: 0.68). Thread-safe.
 */
public final class TextIndex {

    static final int ROWS = 3;
    static final int BANDS = MinHash.SIZE / ROWS;

    private final Map<Integer, MinHash> sketches = new HashMap<>();
    @SuppressWarnings("unchecked")
    private final Map<Long, List<Integer>>[] bands = new Map[BANDS];
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public TextIndex() {
        for (int b = 0; b < BANDS; b++) {
            bands[b] = new HashMap<>();
        }
    }

    public void add(int id, MinHash sketch) {
        lock.writeLock().lock();
        try {
            MinHash previous = sketches.put(id, sketch);
            if (previous != null) {
                // The old sketch's bands: the new one's are added below.
                removeFromBands(id, previous);
            }
            for (int b = 0; b < BANDS; b++) {
                bands[b].computeIfAbsent(bandKey(sketch, b), key -> new ArrayList<>(2)).add(id);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean remove(int id) {
        lock.writeLock().lock();
        try {
            MinHash sketch = sketches.remove(id);
            if (sketch == null) {
                return false;
            }
            removeFromBands(id, sketch);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void removeFromBands(int id, MinHash sketch) {
        for (int b = 0; b < BANDS; b++) {
            long key = bandKey(sketch, b);
            List<Integer> ids = bands[b].get(key);
            if (ids != null) {
                ids.remove(Integer.valueOf(id));
                if (ids.isEmpty()) {
                    bands[b].remove(key);
                }
            }
        }
    }

    /** Indexed texts with similarity at least {@code minSimilarity}, most similar first. */
    public List<TextMatch> search(MinHash query, double minSimilarity) {
        lock.readLock().lock();
        try {
            Set<Integer> candidates = new HashSet<>();
            for (int b = 0; b < BANDS; b++) {
                List<Integer> ids = bands[b].get(bandKey(query, b));
                if (ids != null) {
                    candidates.addAll(ids);
                }
            }
            List<TextMatch> matches = new ArrayList<>();
            for (int id : candidates) {
                double similarity = query.similarity(sketches.get(id));
                if (similarity >= minSimilarity) {
                    matches.add(new TextMatch(id, similarity));
                }
            }
            matches.sort(Comparator.comparingDouble(TextMatch::similarity).reversed()
                    .thenComparingInt(TextMatch::id));
            return matches;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return sketches.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Calls {@code action} with every indexed id. */
    public void forEachId(IntConsumer action) {
        lock.readLock().lock();
        try {
            sketches.keySet().forEach(action::accept);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes ids and sketches; bands are rebuilt on load (text banks are small). */
    public void writeTo(SnapshotWriter out) {
        lock.readLock().lock();
        try {
            out.writeInt(sketches.size());
            for (Map.Entry<Integer, MinHash> entry : sketches.entrySet()) {
                out.writeInt(entry.getKey());
                out.writeString(entry.getValue().toHex());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    public static TextIndex readFrom(SnapshotReader in) {
        int count = in.readCount(Integer.MAX_VALUE, "text entries");
        in.requireRemaining(count * (8L + MinHash.HEX_DIGITS), count + " text entries");
        TextIndex index = new TextIndex();
        for (int i = 0; i < count; i++) {
            int id = in.readInt();
            String hex = in.readString();
            try {
                index.add(id, MinHash.fromHex(hex));
            } catch (RuntimeException e) {
                throw in.damaged("text sketch " + i);
            }
        }
        return index;
    }

    private static long bandKey(MinHash sketch, int band) {
        long key = band;
        for (int r = 0; r < ROWS; r++) {
            key = (key << 16) | sketch.value(band * ROWS + r);
        }
        return key;
    }
}
