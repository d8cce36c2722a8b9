package io.takedown.operations.plan;

/** What H-hour did with a target. */
public enum TargetOutcome {
    /** Chosen to go out; {@code fired_at} is set once it was handed to delivery. */
    FIRED,
    /** Held back: deconfliction, no go from its agency, prior notice still running, or its order not ready. */
    NOT_FIRED,
    /** Handed to delivery and the delivery failed for good; the reason says why. */
    FAILED
}
