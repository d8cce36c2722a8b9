package io.takedown.range.infra;

/** How an outlet reaches its audience. */
public enum ChannelKind {
    /** A website: its domain. */
    WEB,
    /** A mailed newsletter: its sender domain. */
    NEWSLETTER,
    /** A browser extension: reached through its update URLs (any one that answers keeps it alive). */
    EXTENSION,
    /** A mobile app: reached through its configuration URLs (any one that answers keeps it alive). */
    APP
}
