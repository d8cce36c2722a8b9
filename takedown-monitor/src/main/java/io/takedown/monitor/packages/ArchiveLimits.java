package io.takedown.monitor.packages;

/**
 * Bounds on unpacking an untrusted archive, checked while reading (never trusting declared sizes).
 *
 * @param maxEntries entries per archive
 * @param maxEntryBytes bytes of one entry, decompressed
 * @param maxTotalBytes bytes of all entries together, nested archives included
 * @param maxRatio decompressed to compressed bytes of one entry (above: a zip bomb)
 * @param maxNesting archives inside archives, levels
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio, int maxNesting) {

    public static final ArchiveLimits DEFAULT = new ArchiveLimits(10_000, 64L << 20, 256L << 20, 100, 2);
}
