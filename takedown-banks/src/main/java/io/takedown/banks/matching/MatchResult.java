package io.takedown.banks.matching;

import io.takedown.banks.BankEntry;
import java.util.Optional;

/**
 * One bank entry that the content matched.
 *
 * @param entry the matched entry, with labels and provenance
 * @param signalType the signal that matched
 * @param distance in the signal's unit (bits for PDQ, 0 for exact signals)
 * @param transform the dihedral variant that matched, when not the original
 * @param suppressedBy a negative-bank entry that marks this match as a known false positive
 * @param floodQuarantined the flood guard quarantined the entry because of this match
 */
public record MatchResult(BankEntry entry, String signalType, int distance, Optional<String> transform,
                          Optional<BankEntry> suppressedBy, boolean floodQuarantined) {

    public boolean suppressed() {
        return suppressedBy.isPresent();
    }
}
