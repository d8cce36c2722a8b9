package io.takedown.range.infra;

import java.time.Instant;

/**
 * One change to the range's infrastructure, in range time: the ground truth of how the network moved.
 *
 * @param outlet the outlet concerned, or empty text for a change that concerns none
 * @param subject what changed: a domain, a URL, a target key
 */
public record InfraEvent(Instant at, String outlet, Kind kind, String subject, String detail) {

    /** What happened. */
    public enum Kind {
        /** A provider removed content after a notice or order. */
        CONTENT_REMOVED,
        /** The outlet put removed content back on another of its sites. */
        CONTENT_REHOSTED,
        /** The outlet registered a new domain. */
        DOMAIN_REGISTERED,
        /** The outlet moved a site or content to a provider that ignores orders. */
        MOVED_TO_IGNORING_PROVIDER,
        /** The outlet moved a site to another provider, keeping its domain. */
        SITE_MOVED,
        /** The outlet put a CDN in front of a site. */
        CDN_FRONTED,
        /** An authority acted against a target (a simulated strike). */
        TARGET_STRUCK,
        /** The strike took effect: a site went down. */
        SITE_DOWN,
        /** The strike had no effect: the operator ignores orders. */
        STRIKE_IGNORED,
        /** A channel stopped reaching its audience. */
        CHANNEL_LOST,
        /** A channel reaches (part of) its audience again. */
        CHANNEL_RESTORED
    }
}
