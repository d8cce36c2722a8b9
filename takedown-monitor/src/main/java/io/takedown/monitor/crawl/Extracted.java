package io.takedown.monitor.crawl;

import java.util.List;
import java.util.Optional;

/**
 * What a fetched document says: its kind, its links, its visible text (for the text signal) and, for a
 * feed, how many items it lists.
 *
 * @param kind html, rss, atom, sitemap, robots, image, mail, package or other
 */
public record Extracted(String kind, String mediaType, List<Link> links, Optional<String> text, int feedItems) {

    public Extracted {
        links = List.copyOf(links);
    }
}
