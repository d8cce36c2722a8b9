package io.takedown.index.exact;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry ids by canonical signal value, for signals that match only when equal (MD5, SHA-256, URL).
 * Thread-safe; a value may belong to several entries (the same hash in two banks).
 */
public final class ExactIndex {

    private static final int[] NONE = new int[0];

    private final ConcurrentHashMap<String, int[]> ids = new ConcurrentHashMap<>();

    public void add(int id, String canonicalValue) {
        ids.merge(canonicalValue, new int[] {id}, (old, added) -> {
            for (int existing : old) {
                if (existing == id) {
                    return old;
                }
            }
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = id;
            return grown;
        });
    }

    public boolean remove(int id, String canonicalValue) {
        boolean[] removed = {false};
        ids.computeIfPresent(canonicalValue, (key, old) -> {
            int[] kept = Arrays.stream(old).filter(existing -> existing != id).toArray();
            removed[0] = kept.length < old.length;
            return kept.length == 0 ? null : kept;
        });
        return removed[0];
    }

    /** Ids of entries with exactly this canonical value. */
    public int[] lookup(String canonicalValue) {
        return ids.getOrDefault(canonicalValue, NONE).clone();
    }

    public int size() {
        return ids.values().stream().mapToInt(a -> a.length).sum();
    }
}
