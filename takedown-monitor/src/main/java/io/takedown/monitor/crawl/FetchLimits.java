package io.takedown.monitor.crawl;

import java.time.Duration;

/**
 * Bounds on one fetch, so a hostile or broken server cannot hold a worker or exhaust memory.
 *
 * @param maxBytes largest body read; a longer one is cut and the capture marked truncated
 * @param timeout whole fetch, connect to last byte
 * @param maxRedirects redirects followed from one URL (each hop is its own capture)
 */
public record FetchLimits(long maxBytes, Duration timeout, int maxRedirects) {

    public static final FetchLimits DEFAULT = new FetchLimits(32L << 20, Duration.ofSeconds(30), 5);
}
