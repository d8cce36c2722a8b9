package io.takedown.monitor;

import io.takedown.monitor.crawl.CrawlResult;

/**
 * What a crawl cycle did: fetches, new items and revisits, and what matched the banks.
 *
 * @param resumed the run continued a cycle an earlier run left unfinished
 * @param complete the cycle's frontier was emptied (false when stopped early)
 * @param matchedCaptures captures looked up in the banks
 * @param hits captures that matched some bank
 * @param caseItems case items opened for hits
 */
public record CrawlSummary(long cycle, boolean resumed, boolean complete, CrawlResult result, long matchedCaptures,
                           long hits, long caseItems) {
}
