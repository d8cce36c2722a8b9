package io.takedown.infra.weakpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WeakPointsTest {

    @Test
    void suggest_redundantRoutes_takesThePairSingleGreedyWouldMiss() {
        // An app with two update URLs is worth more than a small site, but only both URLs together cut it.
        List<AudienceChannel> channels = List.of(
                new AudienceChannel("app", "o1", "app", 1000, List.of(Set.of("u1"), Set.of("u2"))),
                new AudienceChannel("site", "o1", "domain", 300, List.of(Set.of("d1"))));
        ReachModel model = ReachModel.of(channels, t -> true);
        Plan plan = WeakPoints.suggest(model, 2);
        assertThat(plan.targets()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(plan.removed()).isEqualTo(1000);
        assertThat(WeakPoints.optimum(model, 2, 1000).orElseThrow().removed()).isEqualTo(1000);
    }

    @Test
    void model_unremovableTargets_neverCut() {
        List<AudienceChannel> channels = List.of(new AudienceChannel("a", "o", "domain", 5, List.of(Set.of("p", "d"))));
        ReachModel model = ReachModel.of(channels, t -> !t.equals("p"));
        assertThat(model.candidates()).containsExactly("d");
        assertThat(model.removed(List.of("p"))).isZero();
        assertThat(model.removed(List.of("d"))).isEqualTo(5);
    }

    @Test
    void optimum_tooManySets_isNotComputed() {
        List<AudienceChannel> channels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            channels.add(new AudienceChannel("c" + i, "o", "domain", 1, List.of(Set.of("t" + i))));
        }
        assertThat(WeakPoints.optimum(ReachModel.of(channels, t -> true), 5, 1000)).isEmpty();
        assertThat(WeakPoints.combinations(100, 5)).isEqualTo(75_287_520L);
    }

    @Property(tries = 60)
    void suggest_neverBeatsTheOptimum_andOptimumBeatsRandomSets(@ForAll @IntRange(min = 1, max = 4) int budget,
                                                               @ForAll long seed) {
        Random random = new Random(seed);
        List<AudienceChannel> channels = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            List<Set<String>> routes = new ArrayList<>();
            int alternatives = 1 + random.nextInt(2);
            for (int r = 0; r < alternatives; r++) {
                routes.add(new java.util.HashSet<>(List.of("t" + random.nextInt(14), "t" + random.nextInt(14))));
            }
            channels.add(new AudienceChannel("c" + c, "o" + c % 3, "domain", 1 + random.nextInt(1000), routes));
        }
        ReachModel model = ReachModel.of(channels, t -> true);
        Plan optimum = WeakPoints.optimum(model, budget, 1_000_000).orElseThrow();
        Plan suggested = WeakPoints.suggest(model, budget);
        assertThat(suggested.targets()).hasSizeLessThanOrEqualTo(budget);
        assertThat(suggested.removed()).isLessThanOrEqualTo(optimum.removed()).isEqualTo(model.removed(suggested.targets()));
        for (int i = 0; i < 20; i++) {
            List<String> any = new ArrayList<>(model.candidates());
            java.util.Collections.shuffle(any, random);
            assertThat(model.removed(any.subList(0, Math.min(budget, any.size())))).isLessThanOrEqualTo(optimum.removed());
        }
    }
}
