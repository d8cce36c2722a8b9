package io.takedown.range.infra;

/** A rendered response body and its media type. */
public record Page(String type, byte[] body) {
}
