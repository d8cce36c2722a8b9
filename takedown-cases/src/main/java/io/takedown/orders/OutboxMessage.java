package io.takedown.orders;

import java.time.Instant;
import java.util.Optional;

/**
 * One document waiting in, or delivered from, the order outbox.
 *
 * @param endpoint       where it goes; empty when the recipient has none (delivered out of band, and the
 *                       issuer records the receipt by hand)
 * @param idempotencyKey sent with every attempt; the recipient acts on the first and only counts repeats
 * @param claimToken     the relay that owns it now (empty when nobody does)
 */
public record OutboxMessage(long id, long orderId, Kind kind, Optional<String> recipient, Optional<String> endpoint,
                            String idempotencyKey, String mediaType, String payload, State state, int attempts,
                            Instant nextAttemptAt, Optional<String> lastError, Instant createdAt,
                            Optional<Instant> acknowledgedAt, Optional<String> acknowledgement,
                            Optional<String> claimToken) {

    /** What the document is, and so what its receipt starts. */
    public enum Kind {
        /** Art. 3(2) procedures and deadlines to a provider before its first order: 12 hours from receipt. */
        PROCEDURES,
        /** The signed order to the provider: the hour of Art. 3(3) runs from receipt. */
        ORDER,
        /** The copy to the competent authority of the provider's member state: 72 hours from receipt (Art. 4). */
        SCRUTINY_COPY
    }

    /** Where delivery stands. */
    public enum State {
        /** Signed and queued ahead of an action day's H-hour; no relay takes it until the strike releases it. */
        HELD,
        /** To be delivered by a relay. */
        PENDING,
        /** No endpoint: waits for the issuer to record the receipt. */
        OUT_OF_BAND,
        /** Acknowledged with a 2xx, or its out-of-band receipt recorded. */
        DELIVERED,
        /** Refused for good or out of attempts; the issuer delivers out of band and records the receipt. */
        FAILED
    }
}
