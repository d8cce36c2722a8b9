package io.takedown.server.http;

/**
 * One registered route: what the OpenAPI document must list (when {@code documented}) and who may call it.
 *
 * @param path in Javalin's (and OpenAPI's) {@code {param}} syntax
 */
public record Route(String method, String path, Access access, boolean documented) {

    /** Who may call a route, decided before its handler runs. */
    public enum Access {
        /** Anyone: health, metrics, the OpenAPI document, the login page. */
        PUBLIC,
        /** A directory user with an API token ({@code Authorization: Bearer}). */
        TOKEN,
        /** HMA routes: a token, or loopback callers when the operator opened them explicitly. */
        HMA,
        /** Console pages: a session cookie (redirect to the login page otherwise). */
        SESSION
    }
}
