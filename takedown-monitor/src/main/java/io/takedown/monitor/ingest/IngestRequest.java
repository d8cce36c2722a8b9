package io.takedown.monitor.ingest;

import io.takedown.access.Actor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Files to take in for a watched outlet.
 *
 * @param outlet the watched outlet the material is attributed to (its case receives the hits)
 * @param files the files, in the order given
 * @param actor who ingests: named in the evidence and the audit log, and opens or extends the outlet's case
 *              on hits (without one, hits are counted and kept with the captures only)
 * @param maxBytes larger files are refused unread
 * @param listener told of each committed batch and of progress (files done, files in all)
 */
public record IngestRequest(String outlet, List<Source> files, Optional<Actor> actor, long maxBytes,
                            io.takedown.monitor.crawl.CrawlListener listener) {

    /**
     * A file, and where it was published when known. Only material with a web address becomes case items
     * (orders and referrals name URLs); without one, its hits stay with its capture.
     */
    public record Source(Path file, Optional<java.net.URI> publishedAt) {

        public Source {
            publishedAt.ifPresent(uri -> {
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    throw new io.takedown.core.InvalidInputException(null,
                            "where a file was published must be an http(s) URL, got '" + uri + "'");
                }
            });
        }

        public static Source of(Path file) {
            return new Source(file, Optional.empty());
        }
    }

    /** The crawler's per-fetch limit, so a file is never taken that a fetch would have refused. */
    public static final long DEFAULT_MAX_BYTES = io.takedown.monitor.crawl.FetchLimits.DEFAULT.maxBytes();

    public IngestRequest {
        files = List.copyOf(files);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    public static IngestRequest of(String outlet, List<Path> files, Optional<Actor> actor) {
        return new IngestRequest(outlet, files.stream().map(Source::of).toList(), actor, DEFAULT_MAX_BYTES, io.takedown.monitor.crawl.CrawlListener.NONE);
    }

    public IngestRequest maxBytes(long limit) {
        return new IngestRequest(outlet, files, actor, limit, listener);
    }

    public IngestRequest listener(io.takedown.monitor.crawl.CrawlListener other) {
        return new IngestRequest(outlet, files, actor, maxBytes, other);
    }
}
