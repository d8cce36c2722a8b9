package io.takedown.signals.vpdq;

import io.takedown.signals.pdq.PdqHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much of one video's vPDQ is in another's, as python-threatexchange and HMA compare them: frames below
 * the quality threshold are dropped, repeated hashes kept once, and a frame matches when some frame of the
 * other video lies within the distance. Both directions are reported; the ecosystem calls two videos a
 * match when at least 80 % of the query's frames match (and any share of the other's). Brute force: every
 * frame against every frame, a few microseconds per pair of one-minute videos.
 *
 * @param quality frames below this PDQ quality are ignored (50)
 * @param distance a frame matches within this many bits (31)
 * @param queryPercent a video matches when at least this share of the query's frames match (80)
 * @param comparedPercent ... and at least this share of the other's (0)
 */
public record VpdqComparison(int quality, int distance, double queryPercent, double comparedPercent) {

    public static final VpdqComparison DEFAULT = new VpdqComparison(50, 31, 80.0, 0.0);

    /**
     * The outcome of comparing a query with one video.
     *
     * @param queryMatchPercent share of the query's usable frames that match a frame of the other, 0-100
     * @param comparedMatchPercent share of the other's usable frames that match a frame of the query
     * @param match whether both shares reach the thresholds
     */
    public record Result(double queryMatchPercent, double comparedMatchPercent, boolean match) {
    }

    public Result compare(VpdqHash query, VpdqHash compared) {
        List<PdqHash> q = usable(query);
        List<PdqHash> c = usable(compared);
        if (q.isEmpty() || c.isEmpty()) {
            return new Result(0, 0, false);
        }
        double queryShare = 100.0 * matching(q, c) / q.size();
        double comparedShare = 100.0 * matching(c, q) / c.size();
        return new Result(queryShare, comparedShare, queryShare >= queryPercent && comparedShare >= comparedPercent);
    }

    /** Frames of quality at least {@link #quality}, each distinct hash once, in order. */
    public List<PdqHash> usable(VpdqHash hash) {
        Set<PdqHash> seen = new HashSet<>();
        List<PdqHash> out = new ArrayList<>();
        for (VpdqFeature feature : hash.features()) {
            if (feature.quality() >= quality && seen.add(feature.hash())) {
                out.add(feature.hash());
            }
        }
        return out;
    }

    private int matching(List<PdqHash> from, List<PdqHash> in) {
        int count = 0;
        for (PdqHash a : from) {
            for (PdqHash b : in) {
                if (a.hammingDistance(b) <= distance) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }
}
