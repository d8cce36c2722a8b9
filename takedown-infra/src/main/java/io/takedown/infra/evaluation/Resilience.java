package io.takedown.infra.evaluation;

import java.time.Duration;
import java.util.List;

/**
 * How one outlet's reach went through a strike: before it, and at each checkpoint after it.
 *
 * @param reach audience reached at each of {@link #CHECKPOINTS} after the strike
 * @param score share of the pre-strike audience reached again at the last checkpoint (7 days): 0 means the
 *              strike held, 1 that the outlet rebuilt everything
 */
public record Resilience(String outlet, long before, List<Long> reach, double score) {

    /** When reach is sampled after a strike. */
    public static final List<Duration> CHECKPOINTS = List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofDays(1), Duration.ofDays(7));

    public Resilience {
        reach = List.copyOf(reach);
    }
}
