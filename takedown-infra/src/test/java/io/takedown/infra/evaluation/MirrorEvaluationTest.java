package io.takedown.infra.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.RangeSize;
import io.takedown.range.World;
import org.junit.jupiter.api.Test;

class MirrorEvaluationTest {

    @Test
    void smallWorld_precisionAndRecallAtLeast95Percent() {
        MirrorFigures figures = MirrorEvaluation.run(World.generate(42, RangeSize.SMALL));
        System.out.println(figures);
        assertThat(figures.mirrors()).isGreaterThan(15);
        assertThat(figures.precision()).as("wrong: %s", figures.wrong()).isGreaterThanOrEqualTo(0.95);
        assertThat(figures.recall()).as("missed: %s", figures.missed()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void mediumWorld_precisionAndRecallAtLeast95Percent() {
        MirrorFigures figures = MirrorEvaluation.run(World.generate(42, RangeSize.MEDIUM));
        System.out.println(figures);
        assertThat(figures.precision()).as("wrong: %s", figures.wrong()).isGreaterThanOrEqualTo(0.95);
        assertThat(figures.recall()).as("missed: %s", figures.missed()).isGreaterThanOrEqualTo(0.95);
    }
}
