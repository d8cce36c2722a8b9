package io.takedown.server.console;

import io.javalin.Javalin;
import io.takedown.app.Takedown;
import io.takedown.server.ServerSettings;
import io.takedown.server.accounts.Accounts;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;

/** The web console: server-rendered pages over the same services as the API. */
public final class Console {

    private final Takedown takedown;
    private final Accounts accounts;
    private final MatchingService matching;
    private final ServerSettings settings;

    public Console(Takedown takedown, Accounts accounts, MatchingService matching, ServerSettings settings) {
        this.takedown = takedown;
        this.accounts = accounts;
        this.matching = matching;
        this.settings = settings;
    }

    public void register(Routes routes, Javalin app) {
        routes.page("GET", "/", ctx -> ctx.redirect("/console"));
    }
}
