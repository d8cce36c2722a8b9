package io.takedown.range;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Range time: starts at a given instant and runs {@code speed} times faster than real time, and can be
 * moved forward by hand. "Seven days after the action day" becomes seconds in a test.
 */
public final class RangeClock extends Clock {

    private final Instant start;
    private final double speed;
    private final long startNanos = System.nanoTime();
    private volatile Duration skipped = Duration.ZERO;

    public RangeClock(Instant start, double speed) {
        if (speed < 0) {
            throw new IllegalArgumentException("speed must not be negative");
        }
        this.start = start;
        this.speed = speed;
    }

    /** A clock that only moves when told to. */
    public static RangeClock manual(Instant start) {
        return new RangeClock(start, 0);
    }

    public synchronized void advance(Duration duration) {
        skipped = skipped.plus(duration);
    }

    @Override
    public Instant instant() {
        long elapsed = (long) ((System.nanoTime() - startNanos) * speed);
        return start.plus(skipped).plusNanos(elapsed);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
