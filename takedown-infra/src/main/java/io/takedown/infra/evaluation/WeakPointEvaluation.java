package io.takedown.infra.evaluation;

import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.weakpoints.GraphReach;
import io.takedown.infra.weakpoints.Plan;
import io.takedown.infra.weakpoints.ReachModel;
import io.takedown.infra.weakpoints.Suggestions;
import io.takedown.infra.weakpoints.WeakPoints;
import io.takedown.range.Outlet;
import io.takedown.range.World;
import io.takedown.range.infra.InfraSimulation;
import io.takedown.range.infra.InfraState;
import io.takedown.range.infra.Infrastructure;
import io.takedown.range.infra.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Measures weak-point suggestions against the range's ground truth: the suggestion, the optimum and the
 * naive plan on the true graph at the start of range time, then the strikes replayed in the range, which
 * fights back per each outlet's strategy.
 */
public final class WeakPointEvaluation {

    /** When the simulated strikes happen. */
    public static final Instant STRIKE = Infrastructure.START.plus(Duration.ofHours(9));

    private WeakPointEvaluation() {
    }

    public static WeakPointFigures run(World world, int maxBudget) {
        Infrastructure infra = Infrastructure.of(world);
        InfraState state = new InfraSimulation(infra).stateAt(STRIKE);
        InfraGraph graph = TruthGraph.of(infra, state);
        ReachModel model = GraphReach.model(graph, Instant.MIN);
        List<WeakPointFigures.Row> rows = new ArrayList<>();
        Plan last = null;
        Plan lastNaive = null;
        for (int budget = 1; budget <= maxBudget; budget++) {
            Plan suggested = WeakPoints.suggest(model, budget);
            Optional<Plan> optimum = WeakPoints.optimum(model, budget, Suggestions.MAX_OPTIMUM_SETS);
            Plan naive = WeakPoints.naive(model, GraphReach.primaryDomains(graph), budget);
            rows.add(new WeakPointFigures.Row(budget, suggested, optimum, naive));
            last = suggested;
            lastNaive = naive;
        }
        return new WeakPointFigures(world.seed(), world.size().name(), model.total(), rows,
                last == null ? List.of() : strike(infra, last.targets()),
                lastNaive == null ? List.of() : strike(infra, lastNaive.targets()));
    }

    /** Strikes {@code targets} (graph node ids) in a fresh run of the range and follows each outlet's reach. */
    public static List<Resilience> strike(Infrastructure infra, List<String> targets) {
        InfraSimulation simulation = new InfraSimulation(infra);
        InfraState before = simulation.stateAt(STRIKE);
        simulation.strike(targets.stream().map(Target::parse).collect(Collectors.toSet()), STRIKE);
        List<InfraState> after = Resilience.CHECKPOINTS.stream().map(d -> simulation.stateAt(STRIKE.plus(d))).toList();
        List<Resilience> out = new ArrayList<>();
        for (Outlet outlet : infra.world().outlets()) {
            long reachBefore = before.reach(outlet.id());
            List<Long> reach = after.stream().map(s -> s.reach(outlet.id())).toList();
            double score = reachBefore == 0 ? 1 : (double) reach.getLast() / reachBefore;
            out.add(new Resilience(outlet.id(), reachBefore, reach, Math.min(1, score)));
        }
        return out;
    }
}
