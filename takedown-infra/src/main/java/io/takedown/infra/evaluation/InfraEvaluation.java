package io.takedown.infra.evaluation;

import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.resurfacing.ContentMatcher;
import io.takedown.infra.resurfacing.ResurfacingWatch;
import io.takedown.infra.weakpoints.Suggestions;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.infra.InfraSimulation;
import io.takedown.range.infra.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Infrastructure intelligence on the synthetic range, for the command line, the demo and benchmarks: the
 * true graph, suggestions on it, and the figures measured against ground truth.
 */
public final class InfraEvaluation {

    /** The range's infrastructure graph {@code after} the start of range time. */
    public InfraGraph truthGraph(long seed, RangeSize size, Duration after) {
        Infrastructure infra = Infrastructure.of(World.generate(seed, size));
        return TruthGraph.of(infra, new InfraSimulation(infra).stateAt(Infrastructure.START.plus(after)));
    }

    /** Targets for {@code budget} on {@code graph}, with the optimum (when small enough) and the naive plan. */
    public Suggestions.Result suggest(InfraGraph graph, int budget) {
        return Suggestions.suggest(graph, Instant.MIN, budget);
    }

    /** Suggestion quality for budgets 1 to {@code maxBudget}, and the strikes replayed. */
    public WeakPointFigures weakPoints(long seed, RangeSize size, int maxBudget) {
        return WeakPointEvaluation.run(World.generate(seed, size), maxBudget);
    }

    /** Mirror detection precision and recall, every site of the range observed on loopback. */
    public MirrorFigures mirrors(long seed, RangeSize size) {
        return MirrorEvaluation.run(World.generate(seed, size));
    }

    /**
     * Orders removing content, outlets putting it back, hourly crawl cycles, alerts from {@code watch} with
     * {@code matcher}: give them a store of their own, the figures are about the range, not the cases.
     */
    public ResurfacingFigures resurfacing(long seed, RangeSize size, ResurfacingWatch watch,
                                          Supplier<ContentMatcher> matcher) {
        return ResurfacingEvaluation.run(World.generate(seed, size), watch, matcher);
    }

    /** All three, for the demo and {@code takedown infra evaluate}. */
    public InfraFigures figures(long seed, RangeSize size, int maxBudget, ResurfacingWatch watch,
                                Supplier<ContentMatcher> matcher) {
        return new InfraFigures(weakPoints(seed, size, maxBudget), mirrors(seed, size),
                resurfacing(seed, size, watch, matcher));
    }
}
