package io.takedown.orders;

import io.takedown.access.Handling;
import java.time.Instant;
import java.util.Optional;

/**
 * A removal order and its legal clock. Every instant is stored; the overdue state is derived from the
 * stored deadline and the current time, so it is right after any restart.
 *
 * @param handling the handling code of the item the order is about (who else may see the order)
 * @param queuedAt when the signed order entered the outbox (no hour runs before receipt)
 * @param proceduresReceivedAt when the provider acknowledged the procedures notice of Art. 3(2)
 * @param receivedAt when the provider acknowledged the order (Art. 3(3) runs from here)
 * @param executedInTime removal within the deadline, decided when the feedback was recorded
 * @param copyReceivedAt when the host state's authority acknowledged its copy (Art. 4(4) runs from here)
 * @param withholdExtended whether the one Art. 11(3) extension was used
 */
public record RemovalOrder(long id, long itemId, String agency, String provider, String providerCountry,
                           Handling handling, OrderStatus status, String document, String language, boolean emergency,
                           boolean firstForProvider, boolean crossBorder, String createdBy, Instant createdAt,
                           Optional<String> approvedBy, Optional<Instant> approvedAt, Optional<Instant> earliestSendAt,
                           Optional<Instant> queuedAt, Optional<Instant> proceduresReceivedAt,
                           Optional<Instant> receivedAt, Optional<Instant> deadlineAt, Optional<Instant> suspendedAt,
                           Optional<Impossibility> impossibility, Optional<Instant> executedAt, boolean executedInTime,
                           Optional<Instant> closedAt, Optional<Instant> copyReceivedAt, Optional<Instant> scrutinyDueAt,
                           Optional<String> scrutinyOutcome, Optional<Instant> preserveUntil,
                           Optional<Instant> withheldAt, Optional<Instant> informAfter, boolean withholdExtended,
                           Optional<Instant> contestedAt, Optional<Instant> escalatedAt,
                           Optional<Instant> suspensionFlaggedAt, Optional<String> signature) {

    /**
     * Past its deadline without removal: sent and not executed, or suspended only after the deadline had
     * passed (a late Annex III answer does not undo the missed hour).
     */
    public boolean overdueAt(Instant now) {
        boolean running = status == OrderStatus.SENT || status == OrderStatus.SUSPENDED && suspendedLate();
        return running && deadlineAt.map(now::isAfter).orElse(false);
    }

    /** Suspended by an Annex III answer that came after the deadline had already passed. */
    public boolean suspendedLate() {
        return suspendedAt.isPresent() && deadlineAt.map(d -> suspendedAt.get().isAfter(d)).orElse(false);
    }

    /** Has left the issuing authority (queued, received or beyond): the provider and host state are parties. */
    public boolean issued() {
        return status != OrderStatus.DRAFT && status != OrderStatus.APPROVED;
    }
}
