package io.takedown.monitor.frontier;

import java.time.Instant;
import java.util.Optional;

/**
 * A URL waiting to be fetched, with what the last capture of it was (for a revisit record).
 *
 * @param via the rule that found it: seed, link, media, sitemap, feed, robots, package, redirect
 */
public record FrontierEntry(long id, long outletId, String url, String host, int depth, String via, long cycle,
                            Optional<String> lastDigest, Optional<String> lastRecordId, Optional<Instant> lastDate) {
}
