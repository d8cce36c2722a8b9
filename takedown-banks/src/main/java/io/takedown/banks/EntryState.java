package io.takedown.banks;

import java.time.Instant;

/** Whether an entry takes part in matching. Removal and quarantine keep the entry as history. */
public sealed interface EntryState {

    /** Matches. */
    record Active() implements EntryState {
    }

    /** Tombstoned: never matches again, stays in the history. */
    record Removed(Instant at, String by, String reason) implements EntryState {
    }

    /** Suspended by the flood guard (or a person) until reviewed. */
    record Quarantined(Instant at, String reason) implements EntryState {
    }

    default boolean matches() {
        return this instanceof Active;
    }

    default String label() {
        return switch (this) {
            case Active a -> "active";
            case Removed r -> "removed";
            case Quarantined q -> "quarantined";
        };
    }
}
