package io.takedown.infra.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.banks.BankStore;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.MatchService;
import io.takedown.infra.resurfacing.BankContentMatcher;
import io.takedown.infra.resurfacing.ResurfacingWatch;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResurfacingEvaluationTest {

    @TempDir
    Path home;

    @Test
    void smallWorld_everyReturnDetectedWithinOneCrawlCycle() {
        try (Database database = Database.embedded(home)) {
            BankStore banks = new BankStore(database, SignalRegistry.discover(), Clock.systemUTC());
            ResurfacingFigures figures;
            try (MatchService matching = MatchService.open(banks, home.resolve("index"), Clock.systemUTC())) {
                figures = ResurfacingEvaluation.run(World.generate(42, RangeSize.SMALL),
                        new ResurfacingWatch(database, banks, actor -> java.util.Set.of()),
                        () -> new BankContentMatcher(matching.matcher(MatchSettings.DEFAULTS)));
            }
            System.out.println(figures);
            assertThat(figures.removals()).isPositive();
            assertThat(figures.resurfaced()).isPositive();
            assertThat(figures.missed()).isEmpty();
            assertThat(figures.withinOneCycle()).isEqualTo(figures.resurfaced());
            assertThat(figures.falseAlertList()).isEmpty();
            assertThat(figures.stats().byOutlet()).isNotEmpty();
        }
    }
}
