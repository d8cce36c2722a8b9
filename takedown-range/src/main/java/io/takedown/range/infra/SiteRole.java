package io.takedown.range.infra;

/** What a site is, in the ground truth. */
public enum SiteRole {
    /** An outlet's main domain. */
    PRIMARY,
    /** A site the outlet runs beside its primary (from the start or registered in reaction to a removal). */
    MIRROR,
    /** A domain that serves an outlet's extension and app updates and configuration. */
    UPDATE_HOST,
    /** An unrelated site: news, blogs, shops. Some quote the outlets or share a provider, theme or CDN. */
    DECOY;

    /** Run by an outlet: the sites mirror detection should attribute to it. */
    public boolean operated() {
        return this != DECOY;
    }
}
