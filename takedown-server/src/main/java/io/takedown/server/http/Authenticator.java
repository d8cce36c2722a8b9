package io.takedown.server.http;

import io.javalin.http.Context;
import io.takedown.access.Actor;
import io.takedown.server.accounts.Accounts;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves the caller of a request from its credentials. API routes accept only bearer tokens (never cookies,
 * so a browser cannot be tricked into calling them); console routes only the session cookie, with a CSRF
 * secret on every state change; HMA routes a token, or nothing from a loopback address when the operator set
 * {@code hma.open-loopback} and named the user those calls act as.
 */
public final class Authenticator {

    public static final String SESSION_COOKIE = "takedown_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";

    private final Accounts accounts;
    private final Optional<String> loopbackUser;
    private final Supplier<Actor> loopbackActor;

    public Authenticator(Accounts accounts, Optional<String> loopbackUser, Supplier<Actor> loopbackActor) {
        this.accounts = accounts;
        this.loopbackUser = loopbackUser;
        this.loopbackActor = loopbackActor;
    }

    public Principal require(Context ctx, Route.Access access) {
        return switch (access) {
            case PUBLIC -> throw new IllegalArgumentException("public routes have no principal");
            case TOKEN -> bearer(ctx).orElseThrow(() -> HttpProblem.unauthorized(
                    "an API token is required: Authorization: Bearer tdk_..."));
            case HMA -> bearer(ctx).or(() -> loopback(ctx)).orElseThrow(() -> HttpProblem.unauthorized(
                    "an API token is required: Authorization: Bearer tdk_..."));
            case SESSION -> session(ctx).orElseThrow(() -> new HttpProblem(401, "sign in first"));
        };
    }

    public Optional<Principal> session(Context ctx) {
        return accounts.session(ctx.cookie(SESSION_COOKIE)).map(s -> new Principal(s.actor(), Optional.of(s)));
    }

    private Optional<Principal> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HttpProblem.unauthorized("only bearer tokens are accepted");
        }
        Optional<Actor> actor = accounts.authenticateToken(header.substring(7).trim());
        if (actor.isEmpty()) {
            throw HttpProblem.unauthorized("unknown or revoked API token");
        }
        return actor.map(a -> new Principal(a, Optional.empty()));
    }

    private Optional<Principal> loopback(Context ctx) {
        if (loopbackUser.isEmpty() || !isLoopback(ctx.req().getRemoteAddr())) {
            return Optional.empty();
        }
        return Optional.of(new Principal(loopbackActor.get(), Optional.empty()));
    }

    static boolean isLoopback(String address) {
        // The servlet gives a numeric address; never resolve names here.
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    /** Refuses a console state change whose form or header does not carry the session's CSRF secret. */
    public static void checkCsrf(Context ctx, Principal principal) {
        String expected = principal.session().map(Accounts.Session::csrf).orElse(null);
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            given = ctx.formParam(CSRF_FIELD);
        }
        if (expected == null || given == null || !java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new HttpProblem(403, "missing or wrong CSRF token: reload the page and try again");
        }
    }
}
