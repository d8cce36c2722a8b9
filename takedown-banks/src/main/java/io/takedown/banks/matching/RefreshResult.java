package io.takedown.banks.matching;

/**
 * What one catch-up did.
 *
 * @param from the version the index reflected before
 * @param to the version it reflects now
 * @param added entries that became searchable
 * @param removed entries that stopped matching
 */
public record RefreshResult(long from, long to, int added, int removed) {

    public boolean changed() {
        return to != from || added > 0 || removed > 0;
    }
}
