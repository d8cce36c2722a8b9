package io.takedown.orders;

/** Annex III grounds on which a provider cannot comply within the hour; the deadline is suspended. */
public enum Impossibility {
    /** Force majeure or de facto impossibility not attributable to the provider (Art. 3(7)). */
    FORCE_MAJEURE,
    /** The order contains manifest errors (Art. 3(8)). */
    MANIFEST_ERROR,
    /** The order lacks information needed to execute it (Art. 3(8)). */
    MISSING_INFORMATION
}
