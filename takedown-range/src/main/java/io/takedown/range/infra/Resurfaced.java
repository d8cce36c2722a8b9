package io.takedown.range.infra;

import java.time.Instant;

/**
 * Removed content that came back, as the ground truth records it.
 *
 * @param item the article or copy id, e.g. {@code o01-a00003} or {@code o01-a00003-c1}
 * @param removedUrl where it was removed from
 * @param url the page it is back on
 * @param mediaUrl its image there, or empty text for a text item
 * @param removedAt when the provider removed it
 * @param at when it came back
 */
public record Resurfaced(String item, String outlet, String removedUrl, String removedFrom, String url,
                         String mediaUrl, String domain, String provider, Instant removedAt, Instant at) {
}
