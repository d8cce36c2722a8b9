package io.takedown.signals;

/** What a piece of content is, which decides the signals that apply to it. */
public enum ContentType {
    PHOTO,
    VIDEO,
    TEXT,
    URL,
    /** Any file, hashed as bytes. */
    FILE
}
