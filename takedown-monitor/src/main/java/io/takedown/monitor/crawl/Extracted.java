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

    /** The channel a capture of this kind belongs to: feed, mail, package, else {@code otherwise}. */
    public String channel(String otherwise) {
        return switch (kind) {
            case "rss", "atom" -> "feed";
            case "mail" -> "mail";
            case "package" -> "package";
            default -> otherwise;
        };
    }
}
