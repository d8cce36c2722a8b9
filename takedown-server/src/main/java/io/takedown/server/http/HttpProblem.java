package io.takedown.server.http;

import java.util.Map;

/**
 * An error that only exists on HTTP (unauthenticated, body too large, malformed JSON, rate limited). Domain
 * errors stay {@link io.takedown.core.TakedownException}s; {@link Errors} maps both to one shape per route family.
 */
public final class HttpProblem extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public HttpProblem(int status, String detail) {
        this(status, detail, Map.of());
    }

    public HttpProblem(int status, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, detail);
    }

    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, detail, Map.of("WWW-Authenticate", "Bearer realm=\"takedown\""));
    }

    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, detail);
    }
}
