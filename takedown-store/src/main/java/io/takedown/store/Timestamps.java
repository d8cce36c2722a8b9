package io.takedown.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as fixed-width UTC text ({@code 2026-11-29T10:15:30.123456Z}): portable across both databases
 * and ordered the same as text and as time.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
