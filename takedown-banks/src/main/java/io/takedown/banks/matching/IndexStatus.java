package io.takedown.banks.matching;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The matching index at a glance, like HMA's {@code /m/index/status}.
 *
 * @param version the store version (bank change number) the index reflects: every change up to it, none after
 * @param updatedAt when the index last applied a change (or was loaded or built)
 * @param checkedAt when it last asked the store for changes
 * @param signals per signal type: how many entries are indexed
 * @param snapshot the snapshot on disk, as far as this process knows
 * @param opened how the index came to be at start: loaded from the snapshot, or built from the store and why
 * @param problem the last background failure (a merge, a poll of the store), if any
 */
public record IndexStatus(long version, Instant updatedAt, Instant checkedAt, Map<String, Integer> signals,
                          Snapshot snapshot, String opened, Optional<String> problem) {

    /** Entries indexed over all signal types. */
    public long size() {
        return signals.values().stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * @param file where it lives
     * @param version the store version it reflects, or -1 when there is none
     * @param writtenAt when it was written, when there is one
     * @param bytes its size
     * @param changesSince entry changes applied in memory since it was written
     */
    public record Snapshot(Path file, long version, Optional<Instant> writtenAt, long bytes, long changesSince) {
    }
}
