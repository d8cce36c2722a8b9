package io.takedown.infra.resurfacing;

import java.time.Instant;
import java.util.Map;

/**
 * Content taken down, as the legal workflow recorded it.
 *
 * @param orderId the executed removal order
 * @param outlet the outlet the content belongs to (an {@code entity:} label), or empty text
 * @param provider who removed it
 * @param signals the item's signals by type ({@code pdq}, {@code sha256}, {@code text}...)
 */
public record Removal(long orderId, String url, String outlet, String provider, Instant removedAt,
                      Map<String, String> signals) {

    public Removal {
        signals = Map.copyOf(signals);
    }
}
