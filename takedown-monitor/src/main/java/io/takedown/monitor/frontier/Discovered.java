package io.takedown.monitor.frontier;

/** A URL found in a fetched document, in scope of the outlet, to add to the frontier. */
public record Discovered(long outletId, String url, String host, int depth, String via) {
}
