package io.takedown.banks.matching;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices an entry that suddenly matches far more than it used to: a flat or generic image put in a bank
 * by mistake, or an attacker seeding a bank to cause mass false removals. Per entry it keeps the current
 * hour's count and an exponentially smoothed hourly baseline; an entry fires once its hour exceeds both
 * an absolute minimum and a multiple of its baseline. The caller quarantines it.
 */
public final class FloodGuard {

    /** Smoothing of the hourly baseline: a week of hours dominates it. */
    static final double SMOOTHING = 1.0 / 168;

    private final Clock clock;
    private final int minimum;
    private final double factor;
    private final ConcurrentHashMap<Long, Counter> counters = new ConcurrentHashMap<>();

    /** One entry's memory. */
    public static final class Counter {
        long hour;
        int count;
        double baseline;
        long total;

        Counter(long hour, int count, double baseline, long total) {
            this.hour = hour;
            this.count = count;
            this.baseline = baseline;
            this.total = total;
        }

        public long hour() {
            return hour;
        }

        public int count() {
            return count;
        }

        public double baseline() {
            return baseline;
        }

        public long total() {
            return total;
        }
    }

    public FloodGuard(Clock clock, int minimum, double factor) {
        this.clock = clock;
        this.minimum = minimum;
        this.factor = factor;
    }

    /** Restores an entry's memory (from the store). */
    public void restore(long entryId, long hour, int count, double baseline, long total) {
        counters.put(entryId, new Counter(hour, count, baseline, total));
    }

    /** Counts one match; true when this match makes the entry a flood. */
    public boolean record(long entryId) {
        long hour = clock.instant().truncatedTo(ChronoUnit.HOURS).getEpochSecond() / 3600;
        Counter counter = counters.computeIfAbsent(entryId, id -> new Counter(hour, 0, 0, 0));
        synchronized (counter) {
            if (counter.hour != hour) {
                // Close the hours since the last match: the finished one, then empty ones.
                long gap = Math.min(hour - counter.hour, 24 * 30);
                counter.baseline += SMOOTHING * (counter.count - counter.baseline);
                for (long h = 1; h < gap; h++) {
                    counter.baseline -= SMOOTHING * counter.baseline;
                }
                counter.hour = hour;
                counter.count = 0;
            }
            counter.count++;
            counter.total++;
            return counter.count == Math.max(minimum, (int) Math.ceil(factor * Math.max(counter.baseline, 1.0))) + 1;
        }
    }

    public java.util.Map<Long, Counter> counters() {
        return java.util.Collections.unmodifiableMap(counters);
    }

    public Instant now() {
        return clock.instant();
    }
}
