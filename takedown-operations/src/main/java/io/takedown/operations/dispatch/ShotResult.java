package io.takedown.operations.dispatch;

import java.time.Instant;

/**
 * What became of one shot.
 *
 * @param sentNanos  {@link System#nanoTime()} when the request left (for the spread between first and last)
 * @param answeredNanos when the provider's answer (or the final failure) came back
 * @param at         range or wall time of the send, as recorded
 * @param detail     the provider's answer, or why delivery failed
 */
public record ShotResult(long targetId, boolean delivered, long sentNanos, long answeredNanos, Instant at,
                         String detail) {

    public long latencyNanos() {
        return answeredNanos - sentNanos;
    }
}
