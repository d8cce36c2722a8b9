package io.takedown.server.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.server.ServerSettings;
import io.takedown.server.accounts.Accounts;
import io.takedown.server.http.Authenticator;
import io.takedown.server.http.HttpProblem;
import io.takedown.server.http.Principal;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * The web console: sign-in, then server-rendered pages over the same services as the API. Sessions live in
 * an HttpOnly, SameSite=Strict cookie; every state change carries the session's CSRF secret (checked by
 * {@link Routes#console}). htmx and its SSE extension are served from their webjars, no front-end build.
 */
public final class Console implements AutoCloseable {

    private final Takedown takedown;
    private final Accounts accounts;
    private final ServerSettings settings;
    private final Templates templates = new Templates();
    private final ConsolePages pages;
    private final ConsoleRecords records;
    private final ActionDayPages actionDays;
    private final Streams streams = new Streams();

    public Console(Takedown takedown, Accounts accounts, MatchingService matching, ServerSettings settings) {
        this.takedown = takedown;
        this.accounts = accounts;
        this.settings = settings;
        this.pages = new ConsolePages(takedown, matching, templates);
        this.records = new ConsoleRecords(takedown, accounts, matching, templates, streams);
        this.actionDays = new ActionDayPages(takedown, accounts, templates, streams);
    }

    public void register(Routes routes, Javalin app) {
        routes.page("GET", "/", ctx -> ctx.redirect("/console"));
        routes.page("GET", "/static/htmx.min.js", ctx -> webjar(ctx, "META-INF/resources/webjars/htmx.org/"
                + io.takedown.server.console.Webjars.HTMX + "/dist/htmx.min.js"));
        routes.page("GET", "/static/sse.js", ctx -> webjar(ctx, "META-INF/resources/webjars/htmx-ext-sse/"
                + io.takedown.server.console.Webjars.HTMX_SSE + "/sse.js"));
        routes.page("GET", "/login", ctx -> templates.page(ctx, "login.jte",
                new Views.Login(safeNext(ctx.queryParam("next")), null, "")));
        routes.page("POST", "/login", this::login);
        routes.console("POST", "/logout", (ctx, who) -> {
            who.session().ifPresent(s -> accounts.endSession(s.id()));
            ctx.removeCookie(Authenticator.SESSION_COOKIE, "/");
            ctx.redirect("/login");
        });
        pages.register(routes);
        records.register(routes, app);
        actionDays.register(routes, app);
    }

    /** Ends the live streams so a stop does not wait for browsers that keep them open. */
    @Override
    public void close() {
        streams.closeAll();
    }

    private void login(Context ctx) {
        String user = ctx.formParam("user");
        String password = ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        if (user == null || password == null || user.isBlank()) {
            ctx.status(400);
            templates.page(ctx, "login.jte", new Views.Login(next, "Enter your user name and password.", ""));
            return;
        }
        Actor actor;
        try {
            actor = accounts.login(user.trim(), password.toCharArray(), ctx.req().getRemoteAddr());
        } catch (Accounts.LoginRefused refused) {
            ctx.status(refused.retryAt().isPresent() ? 429 : 401);
            refused.retryAt().ifPresent(at -> ctx.header("Retry-After", Long.toString(Math.max(1,
                    java.time.Duration.between(java.time.Instant.now(), at).toSeconds()))));
            templates.page(ctx, "login.jte", new Views.Login(next, refused.getMessage(), user));
            return;
        }
        Accounts.Session session = accounts.startSession(actor);
        Cookie cookie = new Cookie(Authenticator.SESSION_COOKIE, session.id(), "/",
                (int) Accounts.SESSION_LIFETIME.toSeconds(), settings.secureCookies(), 0, true, null, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.redirect(next);
    }

    /** Only local console paths: an open redirect would help phishing. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/console") || next.startsWith("//") || next.contains("\\")
                || next.contains("\r") || next.contains("\n")) {
            return "/console";
        }
        return next;
    }

    static Views.Frame frame(Principal who, String title, String section) {
        Actor actor = who.actor();
        return new Views.Frame(title, section, actor.name(), actor.agency(), actor.roles().stream()
                .map(r -> r.name().toLowerCase().replace('_', ' ')).sorted().collect(Collectors.joining(", ")),
                who.session().map(Accounts.Session::csrf).orElseThrow(() -> new HttpProblem(401, "sign in first")));
    }

    private static void webjar(Context ctx, String resource) throws IOException {
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw HttpProblem.notFound("missing " + resource);
            }
            ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "public, max-age=86400")
                    .result(in.readAllBytes());
        }
    }
}
