package io.takedown.server.console;

/** Versions of the webjars the console serves; keep equal to htmx.version and htmx-sse.version in the pom. */
final class Webjars {

    static final String HTMX = "2.0.7";
    static final String HTMX_SSE = "2.2.2";

    private Webjars() {
    }
}
