package io.takedown.range.evolution;

import io.takedown.range.Outlet;
import io.takedown.range.World;
import java.time.Duration;
import java.time.Instant;

/**
 * How the range changes over range time: each outlet publishes one more article every {@code interval}
 * after {@code epoch}, so feeds, sitemaps, index pages and newsletters grow and a second crawl finds only
 * what is new. Articles past the world's initial count are generated like the others, from (seed, outlet,
 * number): the same seed at the same range time is the same bytes. {@link #STATIC} never changes.
 */
public record Evolution(Instant epoch, Duration interval) {

    /** A world that stays as generated. */
    public static final Evolution STATIC = new Evolution(Instant.EPOCH, Duration.ZERO);

    /** Articles an outlet has published at {@code now}: the initial ones plus one per interval since epoch. */
    public int published(World world, Outlet outlet, Instant now) {
        int initial = world.size().articlesPerOutlet();
        if (interval.isZero() || now.isBefore(epoch)) {
            return initial;
        }
        long steps = Duration.between(epoch, now).dividedBy(interval);
        return (int) Math.min(Integer.MAX_VALUE - 1, initial + steps);
    }
}
