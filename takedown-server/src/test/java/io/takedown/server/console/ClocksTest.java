package io.takedown.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClocksTest {

    @Test
    void at_showsUtcToTheSecond_withoutFractions() {
        assertThat(Clocks.at(Instant.parse("2026-11-30T07:46:12.123456789Z"))).isEqualTo("2026-11-30 07:46:12 UTC");
        assertThat(Clocks.at(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02 03:04:05 UTC");
    }

    @Test
    void timeLeft_wordsOverdueAndRunningClocks() {
        assertThat(Clocks.timeLeft(Duration.ofMinutes(75))).isEqualTo("1 h 15 min left");
        assertThat(Clocks.timeLeft(Duration.ofSeconds(-90))).isEqualTo("overdue by 1 min 30 s");
    }
}
