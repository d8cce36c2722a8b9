/**
 * The crawler: a loopback-only HTTP client with kept-alive connections, routes (the range's resolver or
 * its forward proxy), robots.txt and sitemaps (crawler-commons), per-host concurrency and delay, retries
 * with backoff, fetch limits, Tika sniffing, links and media from HTML (jsoup), RSS and Atom feeds, and
 * the run loop over the persistent frontier.
 */
package io.takedown.monitor.crawl;
