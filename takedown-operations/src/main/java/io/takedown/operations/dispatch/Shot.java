package io.takedown.operations.dispatch;

import io.takedown.access.Actor;
import io.takedown.operations.plan.TargetKind;

/**
 * One order or referral to send at H-hour, and who sends it: the approver who gave the agency's go, so each
 * member state's authority issues its own orders.
 *
 * @param documentId the removal order's or referral's id
 */
public record Shot(long targetId, TargetKind kind, long documentId, String provider, Actor sender) {
}
