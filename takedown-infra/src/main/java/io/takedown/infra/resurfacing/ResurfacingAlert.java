package io.takedown.infra.resurfacing;

import java.time.Duration;
import java.time.Instant;

/**
 * Removed content found again.
 *
 * @param url where it came back
 * @param removedFrom the provider that had removed it
 * @param signalType the signal that matched ({@code pdq}, {@code text}, ...) and its distance
 */
public record ResurfacingAlert(long id, long orderId, String removedUrl, String url, String host, String outlet,
                               String removedFrom, Instant removedAt, Instant seenAt, String signalType, int distance) {

    public Duration sinceRemoval() {
        return Duration.between(removedAt, seenAt);
    }
}
