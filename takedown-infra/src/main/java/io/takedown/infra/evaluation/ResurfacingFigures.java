package io.takedown.infra.evaluation;

import io.takedown.infra.resurfacing.ResurfacingStats;
import java.time.Duration;
import java.util.List;

/**
 * Resurfacing against ground truth on one world: orders removed content, outlets put it back, crawl
 * cycles ran every {@code cycle} of range time.
 *
 * @param resurfaced returns in the ground truth (item and URL)
 * @param detected returns an alert named
 * @param withinOneCycle detected at the first crawl after the return
 * @param falseAlerts alerts at a URL where the ground truth lists no return (an alert at a return's URL under
 *                    another order that removed the same content is not false)
 * @param medianDelay median time from return to alert
 * @param longestDelay longest time from return to alert
 */
public record ResurfacingFigures(long seed, String size, int removals, Duration cycle, int resurfaced, int detected,
                                 int withinOneCycle, int falseAlerts, Duration medianDelay, Duration longestDelay,
                                 List<String> missed, List<String> falseAlertList, ResurfacingStats stats) {

    public ResurfacingFigures {
        missed = List.copyOf(missed);
        falseAlertList = List.copyOf(falseAlertList);
    }
}
