package io.takedown.range.infra;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How an outlet fights back, drawn once per outlet from the seed.
 *
 * @param weights relative odds of each {@link Reaction} after a removal
 * @param minDelay the quickest it reacts
 * @param maxDelay the slowest it reacts
 * @param maxNewDomains how many domains it registers at most over the run
 * @param webRecovery share of a lost site's audience that finds its replacement
 * @param mailRecovery share of a newsletter's audience kept when it moves to a new sender domain
 * @param appRecovery share of an app's or extension's audience that installs a republished one
 */
public record Strategy(double[] weights, Duration minDelay, Duration maxDelay, int maxNewDomains, double webRecovery,
                       double mailRecovery, double appRecovery) {

    /** What an outlet does when content is removed. */
    public enum Reaction {
        /** Put the same content back on another of its sites, on another provider. */
        REHOST,
        /** Register a new mirror domain and publish there. */
        NEW_MIRROR,
        /** Publish on a site hosted by a provider that ignores orders. */
        MOVE_TO_IGNORING,
        /** Publish on a new domain behind its CDN account, origin hidden. */
        CDN_FRONT
    }

    private static final double[][] ARCHETYPES = {
        {5, 2, 1, 1},   // re-hoster
        {1, 5, 1, 2},   // domain hopper
        {1, 1, 5, 1},   // bulletproof-seeker
        {1, 2, 1, 5},   // hides behind the CDN
    };

    static Strategy draw(SplittableRandom random) {
        double[] weights = ARCHETYPES[random.nextInt(ARCHETYPES.length)].clone();
        long minMinutes = 20 + random.nextInt(60);
        return new Strategy(weights, Duration.ofMinutes(minMinutes), Duration.ofMinutes(minMinutes + 60 + random.nextInt(420)),
                3 + random.nextInt(4), 0.3 + random.nextDouble() * 0.5, 0.7 + random.nextDouble() * 0.25,
                0.1 + random.nextDouble() * 0.2);
    }

    public Reaction choose(SplittableRandom random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double pick = random.nextDouble() * total;
        Reaction[] reactions = Reaction.values();
        for (int i = 0; i < reactions.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return reactions[i];
            }
        }
        return reactions[reactions.length - 1];
    }

    public Duration delay(SplittableRandom random) {
        long span = maxDelay.minus(minDelay).toSeconds();
        return minDelay.plusSeconds(span <= 0 ? 0 : random.nextLong(span));
    }
}
