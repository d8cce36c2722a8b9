package io.takedown.infra.evaluation;

import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.weakpoints.Suggestions;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.infra.InfraSimulation;
import io.takedown.range.infra.Infrastructure;
import java.time.Duration;
import java.time.Instant;

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
}
