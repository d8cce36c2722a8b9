package io.takedown.operations.plan;

import io.takedown.access.Handling;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One thing to remove at H-hour: an item of a participating agency's case, the provider hosting it, and the
 * order or referral drafted for it.
 *
 * @param url          the item's canonical URL
 * @param handling     the item's handling code: who else may see the URL
 * @param source       where the target came from, e.g. {@code case:12} or an infrastructure suggestion
 * @param outcome      decided at H-hour: fired or not
 * @param outcomeReason why it did not fire, or how the send went
 */
public record Target(long id, long actionId, String agency, long itemId, String url, Handling handling,
                     String provider, String providerCountry, TargetKind kind, OptionalLong orderId,
                     OptionalLong referralId, Optional<String> emergencyReason, String source, String addedBy,
                     Instant addedAt, Optional<TargetOutcome> outcome, Optional<String> outcomeReason,
                     Optional<Instant> firedAt) {

    public boolean emergency() {
        return emergencyReason.isPresent();
    }
}
