package io.takedown.server;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.takedown.app.Takedown;
import io.takedown.server.accounts.Accounts;
import io.takedown.server.accounts.PasswordHasher;
import io.takedown.server.api.AccountRoutes;
import io.takedown.server.api.ActionDayRoutes;
import io.takedown.server.api.BankRoutes;
import io.takedown.server.api.CaseRoutes;
import io.takedown.server.api.OrderRoutes;
import io.takedown.server.api.RecordRoutes;
import io.takedown.server.console.Console;
import io.takedown.server.hma.HmaRoutes;
import io.takedown.server.http.Authenticator;
import io.takedown.server.http.Errors;
import io.takedown.server.http.HttpProblem;
import io.takedown.server.http.Json;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;
import io.takedown.server.ops.OpsRoutes;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: API, HMA-compatible routes and console over one {@link Takedown} composition root. It owns
 * no workflow: every route parses, calls a service of the root and renders. Requests run on virtual threads;
 * {@link #close()} stops taking connections and lets in-flight requests finish within the grace period.
 */
public final class TakedownServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TakedownServer.class);

    private final Takedown takedown;
    private final ServerSettings settings;
    private final Accounts accounts;
    private final MatchingService matching;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Javalin app;
    private final Routes routes;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Console console;
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> requestTimers =
            new java.util.concurrent.ConcurrentHashMap<>();

    private TakedownServer(Takedown takedown, ServerSettings settings, PasswordHasher hasher) {
        this.takedown = takedown;
        this.settings = settings;
        this.accounts = new Accounts(takedown.database(), takedown.directory(), takedown.audit(), takedown.clock(), hasher);
        this.matching = new MatchingService(takedown);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        matching.bindMetrics(metrics);
        this.app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/io/takedown/server/static";
                files.location = Location.CLASSPATH;
            });
            config.jetty.defaultHost = settings.host();
            config.jetty.defaultPort = settings.port();
            config.jetty.multipartConfig.maxFileSize(settings.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
            config.jetty.modifyServer(server -> server.setStopTimeout(settings.shutdownGrace().toMillis()));
        });
        Authenticator authenticator = new Authenticator(accounts, settings.hmaLoopbackUser(),
                () -> takedown.directory().actor(settings.hmaLoopbackUser().orElseThrow()));
        this.routes = new Routes(app, authenticator);
        Errors.install(app);
        installFilters();
        // First: Javalin finds a request's route by trying the routes' patterns in the order they were added,
        // and HMA's look-ups are the hot path (no other route shares their paths).
        new HmaRoutes(takedown, matching, settings).register(routes);
        new OpsRoutes(takedown, matching, metrics, () -> routes.all()).register(routes);
        new AccountRoutes(accounts).register(routes);
        new CaseRoutes(takedown).register(routes);
        new OrderRoutes(takedown).register(routes);
        new BankRoutes(takedown, matching).register(routes);
        new RecordRoutes(takedown).register(routes);
        new ActionDayRoutes(takedown).register(routes);
        this.console = new Console(takedown, accounts, matching, settings);
        console.register(routes, app);
    }

    /** Builds the server over {@code takedown}; call {@link #start()} to listen. */
    public static TakedownServer create(Takedown takedown, ServerSettings settings) {
        return new TakedownServer(takedown, settings, PasswordHasher.DEFAULT);
    }

    private void installFilters() {
        app.before(ctx -> {
            ctx.attribute("takedown.start", System.nanoTime());
            String length = ctx.header("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > settings.maxBodyBytes()) {
                        throw new HttpProblem(413, "request body of " + length + " bytes is over the limit of "
                                + settings.maxBodyBytes() + " bytes");
                    }
                } catch (NumberFormatException e) {
                    throw HttpProblem.badRequest("malformed Content-Length");
                }
            }
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.after(ctx -> {
            Long start = ctx.attribute("takedown.start");
            if (start == null) {
                return;
            }
            String path = ctx.endpointHandlerPath();
            String route = path == null || path.isEmpty() ? "unmatched" : path;
            String method = ctx.method().name();
            int status = ctx.statusCode();
            // One timer per route and status, found again without building its tags on every request.
            requestTimers.computeIfAbsent(method + " " + status + " " + route, key -> Timer.builder("http.server.requests")
                            .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                            .register(metrics))
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
    }

    public TakedownServer start() {
        matching.start();
        app.start();
        LOG.info("listening on {}", url());
        return this;
    }

    public int port() {
        return app.port();
    }

    public URI url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    public Accounts accounts() {
        return accounts;
    }

    public MatchingService matching() {
        return matching;
    }

    /** Every registered route, for the OpenAPI check. */
    public List<io.takedown.server.http.Route> routes() {
        return routes.all();
    }

    /** Graceful: stops accepting, waits for in-flight requests (up to the grace period), then closes. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            console.close();
            try {
                app.stop();
            } catch (RuntimeException e) {
                LOG.warn("requests still running after the {} s grace period were cut off", settings.shutdownGrace()
                        .toSeconds(), e);
            }
            matching.close();
            metrics.close();
        }
    }
}
