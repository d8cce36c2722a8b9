package io.takedown.orders;

import java.util.Locale;

/**
 * Where a removal order stands. A contest (Art. 9) and the host state's scrutiny (Art. 4) are recorded on
 * the order without changing its state: neither suspends the duty to remove within the hour.
 */
public enum OrderStatus {
    /** Written by an analyst, not yet approved. */
    DRAFT,
    /** Approved by a second person of the issuing authority (four eyes). */
    APPROVED,
    /** Signed and in the outbox: not yet received by the provider, so no hour runs. */
    QUEUED,
    /** Received by the provider: the one hour of Art. 3(3) runs from the receipt. */
    SENT,
    /** The provider answered with Annex III (force majeure, manifest error, missing information). */
    SUSPENDED,
    /** The provider removed or disabled the content (Annex II feedback). */
    EXECUTED,
    /** The host state found an infringement (Art. 4(4)): the order has no further effect. */
    CEASED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
