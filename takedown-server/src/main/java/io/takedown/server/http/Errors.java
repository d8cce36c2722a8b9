package io.takedown.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.takedown.core.TakedownException;
import io.takedown.server.accounts.Accounts;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves the server in one of three stable shapes, chosen by the route family: RFC 9457
 * {@code application/problem+json} for our API, HMA's own {@code {"message": ...}} on the HMA routes (its
 * clients parse that), and a short HTML page for the console. The status comes from the error's kind, never
 * from its message.
 */
public final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    public static void install(Javalin app) {
        app.exception(HttpProblem.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            respond(ctx, e.status(), e.getMessage());
        });
        app.exception(Accounts.LoginRefused.class, (e, ctx) -> {
            if (e.retryAt().isPresent()) {
                long seconds = Math.max(1, Duration.between(Instant.now(), e.retryAt().get()).toSeconds());
                ctx.header("Retry-After", Long.toString(seconds));
                respond(ctx, 429, e.getMessage());
            } else {
                respond(ctx, 401, e.getMessage());
            }
        });
        app.exception(TakedownException.class, (e, ctx) -> {
            if (e.kind() == TakedownException.Kind.IO) {
                LOG.warn("storage failure on {} {}", ctx.method(), ctx.path(), e);
            }
            respond(ctx, status(e.kind()), e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal error; the server log has the details");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> respond(ctx, 405, "method not allowed"));
    }

    public static int status(TakedownException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
            case IO -> 503;
        };
    }

    public static void respond(Context ctx, int status, String detail) {
        ctx.status(status);
        switch (family(ctx.path())) {
            case HMA -> ctx.contentType("application/json").result(Json.write(Map.of("message", detail)));
            case CONSOLE -> ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><head>"
                    + "<meta charset=\"utf-8\"><title>Error " + status + " - Takedown</title>"
                    + "<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body><main><h1>Error " + status
                    + "</h1><p role=\"alert\">" + escape(detail) + "</p><p><a href=\"/console\">Back to the console</a>"
                    + "</p></main></body></html>");
            case API -> {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "urn:takedown:problem:" + slug(status));
                problem.put("title", title(status));
                problem.put("status", status);
                problem.put("detail", detail);
                problem.put("instance", ctx.path());
                ctx.contentType("application/problem+json").result(Json.write(problem));
            }
        }
    }

    enum Family { API, HMA, CONSOLE }

    static Family family(String path) {
        if (path.startsWith("/h/") || path.startsWith("/m/") || path.startsWith("/c/") || path.equals("/status")
                || path.startsWith("/status/")) {
            return Family.HMA;
        }
        if (path.startsWith("/console") || path.startsWith("/login") || path.startsWith("/logout")) {
            return Family.CONSOLE;
        }
        return Family.API;
    }

    private static String slug(int status) {
        return title(status).toLowerCase().replace(' ', '-');
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid input";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 503 -> "Unavailable";
            default -> status >= 500 ? "Internal error" : "Error";
        };
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
