package io.takedown.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that a test moves by hand: deadlines and rates are tested without waiting. */
public final class ManualClock extends Clock {

    public Instant now;
    private volatile Runnable beforeNextReading;

    public ManualClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /**
     * Runs {@code step} once, at the next reading of the clock and before it answers: a test puts another
     * actor's action exactly between two steps of the code under test (a race, made deterministic).
     */
    public void beforeNextReading(Runnable step) {
        beforeNextReading = step;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Runnable step = beforeNextReading;
        if (step != null) {
            beforeNextReading = null;
            step.run();
        }
        return now;
    }
}
