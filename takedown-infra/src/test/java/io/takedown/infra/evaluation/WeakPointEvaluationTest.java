package io.takedown.infra.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.graph.NodeType;
import io.takedown.infra.weakpoints.Suggestions;
import io.takedown.infra.weakpoints.TargetSuggestion;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.infra.InfraSimulation;
import io.takedown.range.infra.Infrastructure;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WeakPointEvaluationTest {

    @Test
    void smallWorld_suggestionNearTheOptimumAndFarAboveNaive() {
        WeakPointFigures figures = WeakPointEvaluation.run(World.generate(42, RangeSize.SMALL), 4);
        for (WeakPointFigures.Row row : figures.rows()) {
            System.out.printf("budget %d: suggested %d (%s), optimum %s, naive %d%n", row.budget(), row.suggested().removed(),
                    row.suggested().targets(), row.optimum().map(p -> p.removed() + " " + p.targets()).orElse("-"),
                    row.naive().removed());
            assertThat(row.optimum()).isPresent();
            assertThat(row.ofOptimum().orElseThrow()).isGreaterThanOrEqualTo(0.9);
            assertThat(row.suggested().removed()).isGreaterThanOrEqualTo(row.naive().removed());
        }
        WeakPointFigures.Row last = figures.rows().getLast();
        assertThat(last.suggested().removed()).isGreaterThan(last.naive().removed());
        figures.suggestedStrike().forEach(r -> System.out.println("suggested strike " + r));
        figures.naiveStrike().forEach(r -> System.out.println("naive strike " + r));
        double suggestedHeld = figures.suggestedStrike().stream().mapToLong(r -> r.before() - r.reach().getLast()).sum();
        double naiveHeld = figures.naiveStrike().stream().mapToLong(r -> r.before() - r.reach().getLast()).sum();
        assertThat(suggestedHeld).as("audience still cut a week later").isGreaterThan(naiveHeld);
    }

    @Test
    void suggestions_nameAddresseeUrlsAndReason() {
        Infrastructure infra = Infrastructure.of(World.generate(42, RangeSize.SMALL));
        InfraGraph graph = TruthGraph.of(infra, new InfraSimulation(infra).stateAt(WeakPointEvaluation.STRIKE));
        Suggestions.Result result = Suggestions.suggest(graph, Instant.MIN, 3);
        assertThat(result.targets()).hasSize(3);
        for (TargetSuggestion target : result.targets()) {
            assertThat(target.reason()).isNotBlank();
            assertThat(target.reachRemoved()).isPositive();
            assertThat(NodeType.ofId(target.addressee())).isIn(NodeType.PROVIDER, NodeType.REGISTRAR, NodeType.CDN_OPERATOR,
                    NodeType.DOMAIN);
        }
        assertThat(result.targets().stream().mapToLong(TargetSuggestion::reachRemoved).sum())
                .isEqualTo(result.suggested().removed());
    }
}
