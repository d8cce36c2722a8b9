package io.takedown.orders;

import java.time.Instant;
import java.util.Optional;

/**
 * A removal order and its legal clock. Every instant is stored; the overdue state is derived from the
 * stored deadline and the current time, so it is right after any restart.
 */
public record RemovalOrder(long id, long itemId, String agency, String provider, String providerCountry,
                           OrderStatus status, String document, String language, boolean emergency,
                           boolean firstForProvider, boolean crossBorder, String createdBy, Instant createdAt,
                           Optional<String> approvedBy, Optional<Instant> approvedAt, Optional<Instant> earliestSendAt,
                           Optional<Instant> receivedAt, Optional<Instant> deadlineAt, Optional<Instant> suspendedAt,
                           Optional<Instant> executedAt, Optional<Instant> closedAt, Optional<Instant> scrutinyDueAt,
                           Optional<String> scrutinyOutcome, Optional<Instant> preserveUntil,
                           Optional<Instant> informAfter, Optional<Instant> escalatedAt, Optional<String> signature) {

    public boolean overdueAt(Instant now) {
        return status == OrderStatus.SENT && deadlineAt.map(now::isAfter).orElse(false);
    }

    /** Removal within the deadline, for transparency reports. */
    public boolean executedInTime() {
        return executedAt.isPresent() && deadlineAt.map(d -> !executedAt.get().isAfter(d)).orElse(false);
    }
}
