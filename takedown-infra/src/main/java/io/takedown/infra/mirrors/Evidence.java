package io.takedown.infra.mirrors;

/**
 * One link between a candidate site and an outlet.
 *
 * @param kind what is shared
 * @param value the shared value (an ID, a hash) or the similarity measured
 * @param knownSite the outlet's site it was found on
 * @param weight its contribution to the score (log-odds), after discounting common values
 */
public record Evidence(Kind kind, String value, String knownSite, double weight) {

    /** The kinds of evidence, strongest first. */
    public enum Kind {
        SHARED_CERTIFICATE, SHARED_KEY, SHARED_ANALYTICS_ID, SHARED_CDN_ACCOUNT, SHARED_FAVICON, SHARED_ASSET,
        TEMPLATE_SIMILARITY, SHARED_TEXT
    }
}
