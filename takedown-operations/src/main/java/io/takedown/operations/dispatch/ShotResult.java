package io.takedown.operations.dispatch;

import java.time.Instant;

/**
 * What became of one shot.
 *
 * @param outcome       acknowledged by the provider, still queued (retrying, or out of band), or failed for good
 * @param sentNanos     {@link System#nanoTime()} when the request left (for the spread between first and last)
 * @param answeredNanos when the provider's answer (or the final failure) came back
 * @param at            range or wall time when the result was known
 * @param detail        the provider's answer, or why delivery failed
 */
public record ShotResult(long targetId, Outcome outcome, long sentNanos, long answeredNanos, Instant at,
                         String detail) {

    /** Where a shot ended up when the strike returned. */
    public enum Outcome {
        ACKNOWLEDGED, QUEUED, FAILED
    }

    public boolean delivered() {
        return outcome == Outcome.ACKNOWLEDGED;
    }

    public long latencyNanos() {
        return answeredNanos - sentNanos;
    }
}
