package io.takedown.infra.graph;

/** How two nodes relate; the direction reads "source RELATION target". */
public enum EdgeType {
    /** outlet → domain, extension, app, newsletter it runs. */
    OPERATES,
    /** domain → address it resolves to. */
    RESOLVES_TO,
    /** address → provider or CDN operator that announces it. */
    ANNOUNCED_BY,
    /** domain → registrar. */
    REGISTERED_WITH,
    /** domain → CDN account in front of it. */
    FRONTED_BY,
    /** CDN account → CDN operator. */
    ACCOUNT_AT,
    /** domain → provider hosting its origin (behind a CDN, when known). */
    ORIGIN_AT,
    /** domain → certificate it presents. */
    PRESENTS,
    /** certificate → public key. */
    USES_KEY,
    /** domain → analytics or tracking ID on its pages. */
    TRACKS_WITH,
    /** domain → favicon (by hash). */
    SHOWS_FAVICON,
    /** domain → asset (stylesheet, logo, image) it serves, by hash. */
    SERVES_ASSET,
    /** extension or app → update or configuration URL. */
    UPDATES_FROM,
    /** update URL → domain serving it. */
    SERVED_BY,
    /** newsletter → sender domain. */
    SENT_FROM,
    /** domain → outlet it is a (proposed or confirmed) mirror of. */
    MIRROR_OF
}
