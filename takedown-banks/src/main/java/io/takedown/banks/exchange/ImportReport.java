package io.takedown.banks.exchange;

import io.takedown.banks.NewEntry;
import java.util.List;

/**
 * What a file yielded: the good rows as entries, and each bad row with its line number and reason.
 */
public record ImportReport(List<NewEntry> entries, List<RowError> errors) {

    /** A row that was skipped. */
    public record RowError(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }
}
