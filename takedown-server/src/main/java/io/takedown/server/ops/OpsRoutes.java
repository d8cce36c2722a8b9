package io.takedown.server.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.takedown.app.Takedown;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Route;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operating the server: liveness ({@code /health}, always 200 while the process serves), readiness
 * ({@code /health/ready}: database reachable and match index loaded), Prometheus metrics, the OpenAPI
 * document, and HMA's own {@code /status} and {@code /status/live} probes with HMA's plain-text bodies.
 */
public final class OpsRoutes {

    /** Where the API document is served; stable, referenced by clients and the README. */
    public static final String OPENAPI_PATH = "/openapi.json";
    public static final String OPENAPI_RESOURCE = "/io/takedown/server/openapi.json";

    private final Takedown takedown;
    private final MatchingService matching;
    private final PrometheusMeterRegistry metrics;
    private final Supplier<List<Route>> routes;

    public OpsRoutes(Takedown takedown, MatchingService matching, PrometheusMeterRegistry metrics,
                     Supplier<List<Route>> routes) {
        this.takedown = takedown;
        this.matching = matching;
        this.metrics = metrics;
        this.routes = routes;
    }

    public void register(Routes routes) {
        routes.open("GET", "/health", ctx -> ctx.json(Map.of("status", "up")));
        routes.open("GET", "/health/ready", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean database = databaseUp();
            body.put("database", database ? "up" : "down");
            body.put("index", matching.ready() ? "ready" : matching.failure().isPresent() ? "failed" : "loading");
            body.put("indexed_entries", matching.size());
            boolean ready = database && matching.ready();
            body.put("status", ready ? "ready" : "not-ready");
            ctx.status(ready ? 200 : 503).json(body);
        });
        routes.open("GET", "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        routes.open("GET", OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApiDocument()));
        routes.open("GET", "/status", ctx -> {
            if (!matching.ready()) {
                ctx.status(503).contentType("text/plain").result("INDEX-NOT-LOADED");
            } else {
                ctx.contentType("text/plain").result("I-AM-ALIVE");
            }
        });
        routes.open("GET", "/status/live", ctx -> ctx.contentType("text/plain").result("I-AM-ALIVE"));
        routes.open("GET", "/api/v1/routes", ctx -> Lists.json(ctx, this.routes.get().stream()
                .filter(Route::documented).map(r -> r.method() + " " + r.path()).sorted().toList()));
    }

    private boolean databaseUp() {
        try {
            return takedown.database().inTransaction(c -> c.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static String openApiDocument() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + OPENAPI_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
