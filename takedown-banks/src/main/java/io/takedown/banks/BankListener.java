package io.takedown.banks;

/**
 * Told of every committed change, after the commit. Events are hints, not the record: they may arrive late or
 * out of order (two threads committing one after the other may notify the other way round), so an index must
 * not apply an event's content blindly. Takedown's matching service treats any event as "the store moved" and
 * reads the current state from the store's change feed ({@link BankStore#changesSince}).
 */
public interface BankListener {

    /** The entry now matches (added, released from quarantine). */
    void entryActivated(BankEntry entry);

    /** The entry no longer matches (removed, quarantined, its bank deleted). */
    void entryDeactivated(BankEntry entry);

    /** Labels or other metadata changed; matching is unaffected. */
    default void entryChanged(BankEntry entry) {
    }

    /** Many entries changed at once (a bulk import), all under change number {@code seq}. */
    default void entriesChanged(long seq) {
    }

    /** A bank was created or its settings changed. */
    default void bankChanged(Bank bank) {
    }
}
