package io.takedown.monitor.crawl;

import java.time.Duration;

/**
 * How a crawl behaves.
 *
 * @param inFlight fetches running at once over all hosts
 * @param perHost fetches running at once against one host
 * @param minDelay pause between two fetches from one host; a longer robots.txt Crawl-delay wins when
 *                 {@code honourCrawlDelay}. The range may use zero; the open web never would.
 * @param maxCrawlDelay the longest Crawl-delay honoured (longer ones are capped, as common crawlers do)
 * @param retries further tries of a fetch that failed on the network or with 429/5xx, with doubling backoff
 * @param backoff the first retry's wait
 * @param maxDepth links followed from a seed
 * @param maxUrls URLs fetched per cycle at most (0: no limit)
 * @param batch captures committed per transaction
 */
public record CrawlSettings(int inFlight, int perHost, Duration minDelay, boolean honourCrawlDelay,
                            Duration maxCrawlDelay, int retries, Duration backoff, int maxDepth, long maxUrls,
                            int batch, FetchLimits limits, String userAgent) {

    public static final String USER_AGENT = "TakedownMonitor/0.1 (+synthetic range only)";

    /** Polite defaults for hosts one does not run: one fetch per host at a time, a second apart. */
    public static final CrawlSettings POLITE = new CrawlSettings(16, 1, Duration.ofSeconds(1), true,
            Duration.ofSeconds(30), 3, Duration.ofMillis(500), 20, 0, 100, FetchLimits.DEFAULT, USER_AGENT);

    /** For the range on loopback: no delay, several fetches per host. */
    public static final CrawlSettings RANGE = new CrawlSettings(32, 16, Duration.ZERO, true,
            Duration.ofSeconds(30), 3, Duration.ofMillis(50), 20, 0, 400, FetchLimits.DEFAULT, USER_AGENT);

    public CrawlSettings withMaxUrls(long max) {
        return new CrawlSettings(inFlight, perHost, minDelay, honourCrawlDelay, maxCrawlDelay, retries, backoff,
                maxDepth, max, batch, limits, userAgent);
    }

    public CrawlSettings withDelay(Duration delay, int hostConcurrency) {
        return new CrawlSettings(inFlight, hostConcurrency, delay, honourCrawlDelay, maxCrawlDelay, retries, backoff,
                maxDepth, maxUrls, batch, limits, userAgent);
    }

    public CrawlSettings withInFlight(int n) {
        return new CrawlSettings(n, perHost, minDelay, honourCrawlDelay, maxCrawlDelay, retries, backoff, maxDepth,
                maxUrls, batch, limits, userAgent);
    }

    public CrawlSettings withLimits(FetchLimits other) {
        return new CrawlSettings(inFlight, perHost, minDelay, honourCrawlDelay, maxCrawlDelay, retries, backoff,
                maxDepth, maxUrls, batch, other, userAgent);
    }
}
