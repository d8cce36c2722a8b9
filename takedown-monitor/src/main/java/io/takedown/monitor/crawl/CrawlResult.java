package io.takedown.monitor.crawl;

import java.time.Duration;
import java.util.Map;

/**
 * What one crawl run did.
 *
 * @param fetched URLs fetched and recorded (responses and revisits)
 * @param failed URLs given up on (network errors after retries, refused addresses)
 * @param newItems responses whose payload was not captured before under that URL
 * @param revisits unchanged payloads, recorded as revisit records
 * @param robotsBlocked URLs robots.txt disallowed (not fetched)
 * @param byKind fetched documents by kind (html, rss, atom, image, mail, package, ...)
 */
public record CrawlResult(long fetched, long failed, long newItems, long revisits, long robotsBlocked, long bytes,
                          Duration elapsed, Map<String, Long> byKind) {

    public double pagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : fetched / seconds;
    }
}
