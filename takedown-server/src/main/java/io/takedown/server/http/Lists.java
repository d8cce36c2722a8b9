package io.takedown.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Long lists on the API: cursor pagination ({@code ?limit=&after=} over a stable id order, a {@code next} link
 * in the body and a {@code Link: rel="next"} header) and strong ETags, so a poller that already has the page
 * gets {@code 304 Not Modified} and no body.
 */
public final class Lists {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Lists() {
    }

    /** The page of {@code all} (ordered by {@code id}) after the {@code after} cursor, rendered as JSON. */
    public static <T> void page(Context ctx, List<T> all, Function<T, Long> id, Function<T, Object> render) {
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long after = longParam(ctx, "after", 0);
        List<T> rest = all.stream().filter(t -> id.apply(t) > after).toList();
        List<T> page = rest.subList(0, Math.min(limit, rest.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.stream().map(render).toList());
        String next = null;
        if (rest.size() > page.size()) {
            next = ctx.path() + "?limit=" + limit + "&after=" + id.apply(page.getLast());
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        }
        body.put("next", next);
        json(ctx, body);
    }

    /** Writes JSON with a strong ETag; answers 304 when the client already has this representation. */
    public static void json(Context ctx, Object body) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "private, no-cache");
        String match = ctx.header("If-None-Match");
        if (match != null && (match.equals(etag) || match.equals("*") || List.of(match.split("\\s*,\\s*")).contains(etag))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(bytes);
    }

    public static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw HttpProblem.badRequest(name + " must be " + min + ".." + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a whole number, got '" + value + "'");
        }
    }

    public static long longParam(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a whole number, got '" + value + "'");
        }
    }

    /** A path parameter that must be a positive id. */
    public static long id(Context ctx, String name) {
        String value = ctx.pathParam(name);
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw HttpProblem.badRequest(name + " must be a positive whole number, got '" + value + "'");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
