package io.takedown.range;

/** How a simulated hosting provider reacts to a removal notice or order. */
public enum Behaviour {
    /** Removes within minutes (range time). */
    COMPLIES_FAST,
    /** Removes, but only after several hours: misses the TCO one-hour deadline. */
    COMPLIES_LATE,
    /** Acknowledges and never removes. */
    IGNORES,
    /** Answers that information is missing (the TCO Annex III case) and removes once clarified. */
    ASKS_CLARIFICATION,
    /** Removes quickly, then the outlet re-hosts the item on another provider. */
    REHOSTS
}
