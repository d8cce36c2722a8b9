package io.takedown.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Registers routes on Javalin and remembers them, so the OpenAPI document can be checked against what is
 * actually served. Features add their routes through this, each with its access rule; authentication runs
 * before the handler, so a handler always has its principal.
 */
public final class Routes {

    /** A handler that knows who is calling. */
    @FunctionalInterface
    public interface Handler {
        void handle(Context ctx, Principal principal) throws Exception;
    }

    private final Javalin app;
    private final Authenticator authenticator;
    private final List<Route> routes = new ArrayList<>();

    public Routes(Javalin app, Authenticator authenticator) {
        this.app = app;
        this.authenticator = authenticator;
    }

    public void open(String method, String path, io.javalin.http.Handler handler) {
        add(new Route(method, path, Route.Access.PUBLIC, true), handler);
    }

    public void api(String method, String path, Handler handler) {
        secured(new Route(method, path, Route.Access.TOKEN, true), handler);
    }

    public void hma(String method, String path, Handler handler) {
        secured(new Route(method, path, Route.Access.HMA, true), handler);
    }

    /** A console page or action; state changes (anything but GET) must carry the session's CSRF secret. */
    public void console(String method, String path, Handler handler) {
        Route route = new Route(method, path, Route.Access.SESSION, false);
        add(route, ctx -> {
            Principal principal = authenticator.session(ctx).orElse(null);
            if (principal == null) {
                if (method.equals("GET") && ctx.header("HX-Request") == null) {
                    ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(),
                            java.nio.charset.StandardCharsets.UTF_8));
                    return;
                }
                throw new HttpProblem(401, "sign in first");
            }
            if (!method.equals("GET")) {
                Authenticator.checkCsrf(ctx, principal);
            }
            handler.handle(ctx, principal);
        });
    }

    /** A public page of the console (the login form): not in the API document. */
    public void page(String method, String path, io.javalin.http.Handler handler) {
        add(new Route(method, path, Route.Access.PUBLIC, false), handler);
    }

    private void secured(Route route, Handler handler) {
        add(route, ctx -> handler.handle(ctx, authenticator.require(ctx, route.access())));
    }

    private void add(Route route, io.javalin.http.Handler handler) {
        routes.add(route);
        app.addHttpHandler(HandlerType.valueOf(route.method()), route.path(), handler);
    }

    public List<Route> all() {
        return Collections.unmodifiableList(routes);
    }
}
