package io.takedown.range;

import java.time.Instant;
import java.util.Optional;

/**
 * A removal notice or order as a simulated provider records it, and what it did about it.
 *
 * @param dueAt when the provider will have removed the content, if it ever will
 * @param rehostedTo where the outlet put the content back, for a re-hosting provider
 */
public record Notice(String id, String provider, String url, String kind, String reference, Instant receivedAt,
                     Optional<Instant> dueAt, boolean needsClarification, Optional<String> rehostedTo) {

    public String status(Instant now) {
        if (needsClarification) {
            return "clarification-needed";
        }
        if (dueAt.isEmpty()) {
            return "ignored";
        }
        return now.isBefore(dueAt.get()) ? "pending" : "removed";
    }
}
