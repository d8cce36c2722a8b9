package io.takedown.operations.afteraction;

import io.takedown.operations.board.Board;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The after-action figures of one action day.
 *
 * @param total       the board's totals at the time of the report
 * @param byProvider  removal times per provider
 * @param byCountry   removal times per host country
 * @param histogram   orders by time from receipt to removal
 * @param checkpoints what came back at +1 h, +24 h, +7 d after H-hour (only checkpoints already reached)
 * @param source      where the resurfacing figures come from
 * @param notFired    targets that did not fire and why
 * @param planSha256  digest of the signed plan document
 * @param planVerified whether the plan's signature verifies under the coordinator's key
 */
public record AfterAction(long actionId, String name, String coordinator, Instant hHour, Instant at,
                          List<String> participants, Board.Row total, List<RemovalTimes> byProvider,
                          List<RemovalTimes> byCountry, List<Bucket> histogram, List<Checkpoint> checkpoints,
                          String source, List<Board.Line> notFired, String planSha256, String planKeyId,
                          boolean planVerified) {

    /** Time from receipt to removal for a group of orders. */
    public record RemovalTimes(String key, int orders, int removed, int withinHour, Optional<Duration> median,
                               Optional<Duration> p90, Optional<Duration> slowest) {

        public double withinHourShare() {
            return orders == 0 ? 0 : (double) withinHour / orders;
        }
    }

    /** Orders whose removal took up to {@code upTo} (empty: never removed). */
    public record Bucket(String label, Optional<Duration> upTo, int orders) {
    }

    /** What came back by one checkpoint after H-hour. */
    public record Checkpoint(String label, Duration after, boolean reached, List<ResurfacingSource.Reappearance> resurfaced,
                             List<ResurfacingSource.NewMirror> newMirrors) {
    }
}
