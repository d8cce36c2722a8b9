package io.takedown.banks;

import io.takedown.signals.Signal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedSet;

/**
 * One signal in a bank.
 *
 * @param labels e.g. {@code behaviour:recruitment}, {@code entity:outlet-7}
 * @param confidence 0..1 when the contributor graded it
 * @param expiresAt after this instant the entry no longer matches
 * @param variant set when the signal is that of a transformed copy of the content
 */
public record BankEntry(long id, long bankId, String bankName, Signal signal, SortedSet<String> labels,
                        Provenance provenance, OptionalDouble confidence, Optional<Instant> expiresAt,
                        EntryState state, Optional<Variant> variant) {

    /** An entry for the content itself (no variant). */
    public BankEntry(long id, long bankId, String bankName, Signal signal, SortedSet<String> labels,
                     Provenance provenance, OptionalDouble confidence, Optional<Instant> expiresAt, EntryState state) {
        this(id, bankId, bankName, signal, labels, provenance, confidence, expiresAt, state, Optional.empty());
    }

    public boolean matchesAt(Instant now) {
        return state.matches() && expiresAt.map(now::isBefore).orElse(true);
    }
}
