package io.takedown.signals.vpdq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which of several videos contain a clip, and where: each source is compared with the clip's one-a-second
 * vPDQ as the ecosystem compares videos, and each source that matches is searched for the clip's position
 * with its every-frame vPDQ ({@link ClipLocator}). Sources that match come first, best share first.
 */
public final class ClipSearch {

    private final VpdqComparison comparison;
    private final ClipLocator locator;

    public ClipSearch(VpdqComparison comparison, ClipLocator locator) {
        this.comparison = comparison;
        this.locator = locator;
    }

    public ClipSearch() {
        this(VpdqComparison.DEFAULT, ClipLocator.DEFAULT);
    }

    /**
     * One source's verdict.
     *
     * @param source the name the caller gave it
     * @param comparison the clip against the source, as the ecosystem compares videos
     * @param location where the clip sits in the source, when it matches
     */
    public record Hit(String source, VpdqComparison.Result comparison, Optional<ClipLocator.Location> location) {
    }

    /**
     * @param clipPerSecond the clip hashed one frame a second (what banks and partners exchange)
     * @param clipEveryFrame the clip hashed every frame, to place it precisely
     * @param sources each source's one-a-second vPDQ, by name
     */
    public List<Hit> search(VpdqHash clipPerSecond, VpdqHash clipEveryFrame, Map<String, VpdqHash> sources) {
        List<Hit> hits = new ArrayList<>();
        for (Map.Entry<String, VpdqHash> source : sources.entrySet()) {
            VpdqComparison.Result result = comparison.compare(clipPerSecond, source.getValue());
            Optional<ClipLocator.Location> location = result.match()
                    ? locator.locate(clipEveryFrame, source.getValue()) : Optional.empty();
            hits.add(new Hit(source.getKey(), result, location));
        }
        hits.sort(Comparator.comparing((Hit h) -> !h.comparison().match())
                .thenComparing(h -> -h.comparison().queryMatchPercent()));
        return hits;
    }
}
