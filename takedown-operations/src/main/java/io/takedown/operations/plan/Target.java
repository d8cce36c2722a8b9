package io.takedown.operations.plan;

import io.takedown.access.Actor;
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

    /** What stands instead of a URL the viewer's agency may not see. */
    public static final String RESTRICTED = "restricted";

    public boolean emergency() {
        return emergencyReason.isPresent();
    }

    /** This target as {@code viewer} may see it: the URL only where the item's handling code allows. */
    public Target seenBy(Actor viewer) {
        return handling.visibleTo(viewer, agency) ? this : new Target(id, actionId, agency, itemId, RESTRICTED,
                handling, provider, providerCountry, kind, orderId, referralId, emergencyReason, source, addedBy,
                addedAt, outcome, outcomeReason, firedAt);
    }
}
