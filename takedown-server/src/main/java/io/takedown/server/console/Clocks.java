package io.takedown.server.console;

import java.time.Duration;

/** How the console words a legal clock. */
final class Clocks {

    private Clocks() {
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
