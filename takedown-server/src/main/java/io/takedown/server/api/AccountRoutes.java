package io.takedown.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.access.Actor;
import io.takedown.server.accounts.Accounts;
import io.takedown.server.http.Json;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who am I, and my API tokens: issue (the secret is shown once), list, revoke. */
public final class AccountRoutes {

    private final Accounts accounts;

    public AccountRoutes(Accounts accounts) {
        this.accounts = accounts;
    }

    public void register(Routes routes) {
        routes.api("GET", "/api/v1/me", (ctx, who) -> ctx.json(actor(who.actor())));
        routes.api("GET", "/api/v1/tokens", (ctx, who) -> Lists.page(ctx, accounts.tokens(who.actor(), who.actor().name()),
                Accounts.Token::id, AccountRoutes::token));
        routes.api("POST", "/api/v1/tokens", (ctx, who) -> {
            ObjectNode body = Json.object(ctx);
            String user = Json.text(body, "user", false);
            Accounts.IssuedToken issued = accounts.issueToken(who.actor(), user == null ? who.actor().name() : user,
                    Json.text(body, "name", true));
            Map<String, Object> out = token(issued.token());
            out.put("secret", issued.secret());
            ctx.status(201).json(out);
        });
        routes.api("DELETE", "/api/v1/tokens/{id}", (ctx, who) -> {
            accounts.revokeToken(who.actor(), Lists.id(ctx, "id"));
            ctx.status(204);
        });
    }

    static Map<String, Object> actor(Actor actor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", actor.name());
        out.put("agency", actor.agency());
        out.put("country", actor.country());
        out.put("agency_kind", actor.agencyKind().name().toLowerCase());
        out.put("roles", actor.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList());
        return out;
    }

    static Map<String, Object> token(Accounts.Token token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id());
        out.put("user", token.user());
        out.put("name", token.name());
        out.put("created_at", token.createdAt().toString());
        out.put("last_used_at", token.lastUsedAt().map(Object::toString).orElse(null));
        out.put("revoked_at", token.revokedAt().map(Object::toString).orElse(null));
        return out;
    }
}
