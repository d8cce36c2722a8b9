package io.takedown.app.demo;

import io.takedown.range.RangeSize;
import java.time.Instant;

/**
 * What the demo runs on.
 *
 * @param seed            the range's seed
 * @param size            the range's size (small for CI, medium for the larger world)
 * @param start           range time when the demo begins
 * @param targetsPerDomain at most this many targets per outlet domain (keeps medium within minutes)
 */
public record DemoSettings(long seed, RangeSize size, Instant start, int targetsPerDomain) {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    public static DemoSettings of(long seed, RangeSize size) {
        return new DemoSettings(seed, size, START, size.articlesPerOutlet() <= 50 ? Integer.MAX_VALUE : 40);
    }
}
