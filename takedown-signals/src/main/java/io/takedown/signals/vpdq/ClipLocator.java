package io.takedown.signals.vpdq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a clip sits inside a longer video. Each frame of the more sparsely sampled of the two votes once,
 * for the offset to its closest frame (in Hamming distance, within the threshold) in the other: frames of a
 * slide or a still scene look alike for seconds, and only the closest one pins the time. The offset with
 * most votes within half a sampling interval of each other wins, refined to the median of those votes. A
 * clip made by cutting an excerpt starts at {@code offset} seconds into the source; sampling the clip every
 * frame against a source sampled once a second places it within about a frame of the truth.
 *
 * @param distance frame pairs within this many bits vote (31)
 * @param quality frames below this quality do not vote (50)
 */
public record ClipLocator(int distance, int quality) {

    public static final ClipLocator DEFAULT = new ClipLocator(31, 50);

    /**
     * A located clip.
     *
     * @param offsetSeconds where the clip's first frame sits in the source
     * @param endSeconds where its last hashed frame sits
     * @param votes frames that voted for this offset
     * @param clipFramesMatched share of the clip's usable frames among those votes, 0-100 (with a densely
     *     sampled clip, about one clip frame per source sample votes)
     */
    public record Location(double offsetSeconds, double endSeconds, int votes, double clipFramesMatched) {
    }

    /** The best offset, or empty when no frame of the clip matches any frame of the source. */
    public Optional<Location> locate(VpdqHash clip, VpdqHash source) {
        List<VpdqFeature> clipFrames = clip.features().stream().filter(f -> f.quality() >= quality).toList();
        List<VpdqFeature> sourceFrames = source.features().stream().filter(f -> f.quality() >= quality).toList();
        if (clipFrames.isEmpty() || sourceFrames.isEmpty()) {
            return Optional.empty();
        }
        double sourceInterval = interval(sourceFrames);
        double clipInterval = interval(clipFrames);
        boolean clipDenser = clipInterval < sourceInterval;
        List<VpdqFeature> voters = clipDenser ? sourceFrames : clipFrames;
        List<VpdqFeature> candidates = clipDenser ? clipFrames : sourceFrames;
        List<double[]> votes = new ArrayList<>(); // {offset, clip index}
        for (int v = 0; v < voters.size(); v++) {
            VpdqFeature voter = voters.get(v);
            int best = -1;
            int bestDistance = distance + 1;
            for (int c = 0; c < candidates.size(); c++) {
                int d = voter.hash().hammingDistance(candidates.get(c).hash());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            if (best >= 0) {
                VpdqFeature other = candidates.get(best);
                votes.add(clipDenser ? new double[] {voter.seconds() - other.seconds(), best}
                        : new double[] {other.seconds() - voter.seconds(), v});
            }
        }
        if (votes.isEmpty()) {
            return Optional.empty();
        }
        votes.sort((a, b) -> Double.compare(a[0], b[0]));
        double window = Math.max(sourceInterval, clipInterval) / 2;
        // Sliding window over the sorted offsets: the densest one wins.
        int bestStart = 0;
        int bestEnd = 0;
        int end = 0;
        for (int start = 0; start < votes.size(); start++) {
            while (end < votes.size() && votes.get(end)[0] - votes.get(start)[0] <= window) {
                end++;
            }
            if (end - start > bestEnd - bestStart) {
                bestStart = start;
                bestEnd = end;
            }
        }
        List<double[]> winning = votes.subList(bestStart, bestEnd);
        double offset = winning.get(winning.size() / 2)[0];
        long clipMatched = winning.stream().mapToInt(v -> (int) v[1]).distinct().count();
        double last = clipFrames.getLast().seconds();
        return Optional.of(new Location(offset, offset + last, winning.size(),
                100.0 * clipMatched / clipFrames.size()));
    }

    /** The source's sampling interval: the median gap between consecutive time stamps (1 s by default). */
    private static double interval(List<VpdqFeature> frames) {
        if (frames.size() < 2) {
            return 1.0;
        }
        double[] gaps = new double[frames.size() - 1];
        for (int i = 1; i < frames.size(); i++) {
            gaps[i - 1] = Math.abs(frames.get(i).seconds() - frames.get(i - 1).seconds());
        }
        java.util.Arrays.sort(gaps);
        double median = gaps[gaps.length / 2];
        return median > 0 ? median : 1.0;
    }
}
