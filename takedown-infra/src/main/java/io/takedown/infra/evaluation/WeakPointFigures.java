package io.takedown.infra.evaluation;

import io.takedown.infra.weakpoints.Plan;
import java.util.List;
import java.util.Optional;

/**
 * Suggestion quality on one world: per budget, the reach removed by the suggestion, the exhaustive
 * optimum (when the world is small enough to enumerate) and the naive plan; then the suggested and the
 * naive plan of the largest budget replayed as strikes, with each outlet's resilience.
 */
public record WeakPointFigures(long seed, String size, long totalAudience, List<Row> rows,
                               List<Resilience> suggestedStrike, List<Resilience> naiveStrike) {

    /** One budget. */
    public record Row(int budget, Plan suggested, Optional<Plan> optimum, Plan naive) {

        /** Suggested reach removed as a share of the optimum's, when known. */
        public Optional<Double> ofOptimum() {
            return optimum.map(o -> o.removed() == 0 ? 1.0 : (double) suggested.removed() / o.removed());
        }
    }

    public WeakPointFigures {
        rows = List.copyOf(rows);
        suggestedStrike = List.copyOf(suggestedStrike);
        naiveStrike = List.copyOf(naiveStrike);
    }
}
