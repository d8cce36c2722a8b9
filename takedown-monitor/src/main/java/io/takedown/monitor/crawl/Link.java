package io.takedown.monitor.crawl;

/**
 * A URL found in a document and the rule that found it: {@code link} (anchor), {@code media} (image,
 * video, audio, source), {@code feed} (a feed the page announces), {@code feed-item}, {@code sitemap},
 * {@code download} (a package or mail file).
 */
public record Link(String url, String via) {
}
