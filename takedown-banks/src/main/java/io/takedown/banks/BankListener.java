package io.takedown.banks;

/** Told of every committed change, so indexes follow the banks without a reload. */
public interface BankListener {

    /** The entry now matches (added, released from quarantine). */
    void entryActivated(BankEntry entry);

    /** The entry no longer matches (removed, quarantined, its bank deleted). */
    void entryDeactivated(BankEntry entry);

    /** Labels or other metadata changed; matching is unaffected. */
    default void entryChanged(BankEntry entry) {
    }
}
