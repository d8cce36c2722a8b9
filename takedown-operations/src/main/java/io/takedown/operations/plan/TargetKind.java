package io.takedown.operations.plan;

/** What a target sends at H-hour: a binding removal order (TCO) or a voluntary referral. */
public enum TargetKind {
    ORDER, REFERRAL
}
