package io.takedown.index.pdq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects matches of one query; a hash found through several chunks is reported once. */
final class MatchSink {

    private int[] ids = new int[16];
    private int[] distances = new int[16];
    private int size;

    void add(int id, int distance) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        ids[size] = id;
        distances[size] = distance;
        size++;
    }

    List<PdqMatch> matches() {
        List<PdqMatch> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new PdqMatch(ids[i], distances[i]));
        }
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        List<PdqMatch> distinct = new ArrayList<>(out.size());
        for (PdqMatch match : out) {
            if (distinct.isEmpty() || distinct.getLast().id() != match.id()) {
                distinct.add(match);
            }
        }
        distinct.sort(null);
        return distinct;
    }
}
