package io.takedown.operations.board;

import io.takedown.operations.deconfliction.Conflict;
import io.takedown.operations.plan.ActionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The board of one action day at one instant.
 *
 * @param at          the instant the board describes (the service's clock: range time in the demo)
 * @param total       every target together
 * @param byProvider  one row per provider
 * @param byCountry   one row per provider's country (the host state)
 * @param byAgency    one row per participating agency
 * @param countdowns  acknowledged orders still to be removed, soonest deadline first
 * @param held        targets that did not (or will not) fire, and why
 */
public record Board(long actionId, String name, String coordinator, ActionStatus status, Instant hHour, Instant at,
                    List<PartLine> parts, Row total, List<Row> byProvider, List<Row> byCountry, List<Row> byAgency,
                    List<Countdown> countdowns, List<Escalation> escalations, List<Line> held,
                    List<Conflict> conflicts) {

    /** Counts for one group of targets. */
    public record Row(String key, int targets, int planned, int held, int notFired, int failed, int sent,
                      int acknowledged, int removed, int overdue, int contested, int annexIII, int escalated,
                      Optional<Instant> nextDeadline) {
    }

    /** One agency's go/no-go. */
    public record PartLine(String agency, String country, int targets, boolean approved, Optional<String> approvedBy,
                           Optional<Instant> approvedAt) {
    }

    /** A deadline running. */
    public record Countdown(long targetId, long orderId, String provider, String country, Instant deadline,
                            Duration remaining) {
    }

    /** An order past its deadline, escalated to its issuing authority. */
    public record Escalation(long targetId, long orderId, String agency, String provider, Instant deadline,
                             Optional<Instant> escalatedAt) {
    }

    /**
     * A target and what happened to it, for the lists on the board.
     *
     * @param url the item's URL, or "restricted" when its handling code hides it from the viewer
     */
    public record Line(long targetId, String agency, String provider, String url, TargetState state, String reason) {
    }

    /** Time until H-hour (negative after it). */
    public Duration untilHHour() {
        return Duration.between(at, hHour);
    }
}
