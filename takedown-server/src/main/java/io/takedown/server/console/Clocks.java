package io.takedown.server.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console words a legal clock. */
final class Clocks {

    /** Instants as people read them on a page: UTC, to the second ({@code 2026-11-30 07:46:12 UTC}). */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Clocks() {
    }

    static String at(Instant instant) {
        return AT.format(instant);
    }

    static String timeLeft(Duration left) {
        Duration abs = left.abs();
        String text = abs.toHours() > 0 ? abs.toHours() + " h " + abs.toMinutesPart() + " min"
                : abs.toMinutes() + " min " + abs.toSecondsPart() + " s";
        return left.isNegative() ? "overdue by " + text : text + " left";
    }

    static String urgency(Duration left) {
        if (left.isNegative()) {
            return "overdue";
        }
        return left.toMinutes() < 15 ? "soon" : "";
    }
}
