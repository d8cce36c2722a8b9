package io.takedown.operations.afteraction;

import java.time.Instant;
import java.util.List;

/** Where the after-action report learns what came back after removal. */
public interface ResurfacingSource {

    /** Said in the report, e.g. "range ground truth (monitor not yet running)". */
    String description();

    /** Removed content seen again (same or near-duplicate, any host) from {@code from} until {@code until}. */
    List<Reappearance> resurfaced(List<String> removedUrls, Instant from, Instant until);

    /** Mirrors of the targeted outlets first seen from {@code from} until {@code until}. */
    List<NewMirror> newMirrors(Instant from, Instant until);

    /** Removed content seen again. */
    record Reappearance(String removedUrl, String foundAt, String provider, Instant at) {
    }

    /** A new mirror of a known outlet. */
    record NewMirror(String domain, String outlet, String provider, Instant firstSeen) {
    }

    /** Nothing observed: for when no monitor runs; the report says so. */
    ResurfacingSource NONE = new ResurfacingSource() {
        @Override
        public String description() {
            return "no observation source configured (no monitor running)";
        }

        @Override
        public List<Reappearance> resurfaced(List<String> removedUrls, Instant from, Instant until) {
            return List.of();
        }

        @Override
        public List<NewMirror> newMirrors(Instant from, Instant until) {
            return List.of();
        }
    };
}
