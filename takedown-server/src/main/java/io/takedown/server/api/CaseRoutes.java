package io.takedown.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.access.Handling;
import io.takedown.app.Takedown;
import io.takedown.cases.CaseFile;
import io.takedown.cases.Item;
import io.takedown.cases.PriorAction;
import io.takedown.cases.ReferralService;
import io.takedown.server.http.HttpProblem;
import io.takedown.server.http.Json;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cases, items and referrals over the same services as {@code takedown case|referral}. */
public final class CaseRoutes {

    private final Takedown takedown;

    public CaseRoutes(Takedown takedown) {
        this.takedown = takedown;
    }

    public void register(Routes routes) {
        routes.api("GET", "/api/v1/cases", (ctx, who) -> Lists.page(ctx, takedown.cases().cases(who.actor()),
                CaseFile::id, CaseRoutes::caseFile));
        routes.api("POST", "/api/v1/cases", (ctx, who) -> {
            ObjectNode body = Json.object(ctx);
            String handling = Json.text(body, "handling", false);
            CaseFile created = takedown.cases().createCase(who.actor(), Json.text(body, "title", true),
                    handling == null ? Handling.RED : Handling.parse(handling),
                    body.path("may_leave").asBoolean(false));
            ctx.status(201).json(caseFile(created));
        });
        routes.api("POST", "/api/v1/cases/{id}/items", (ctx, who) -> {
            ObjectNode body = Json.object(ctx);
            Map<String, String> signals = new LinkedHashMap<>();
            JsonNode given = body.path("signals");
            if (!given.isMissingNode() && !given.isObject()) {
                throw HttpProblem.badRequest("field 'signals' must be an object of signal type to value");
            }
            given.fields().forEachRemaining(e -> signals.put(e.getKey(), e.getValue().asText()));
            List<String> labels = new ArrayList<>();
            body.path("labels").forEach(l -> labels.add(l.asText()));
            String handling = Json.text(body, "handling", false);
            Item item = takedown.cases().addItem(who.actor(), Lists.id(ctx, "id"), Json.text(body, "url", true),
                    Optional.ofNullable(Json.text(body, "capture", false)), signals, labels,
                    handling == null ? Handling.RED : Handling.parse(handling));
            ctx.status(201).json(item(item));
        });
        routes.api("GET", "/api/v1/items/{id}", (ctx, who) ->
                ctx.json(item(takedown.cases().viewItem(who.actor(), Lists.id(ctx, "id")))));
        routes.api("GET", "/api/v1/items/{id}/prior-actions", (ctx, who) -> {
            Item item = takedown.cases().viewItem(who.actor(), Lists.id(ctx, "id"));
            ctx.json(Map.of("items", takedown.cases().priorActions(who.actor(), item.url()).stream()
                    .map(CaseRoutes::prior).toList()));
        });
        routes.api("POST", "/api/v1/items/{id}/referrals", (ctx, who) -> {
            ObjectNode body = Json.object(ctx);
            ReferralService.Created created = takedown.referrals().create(who.actor(), Lists.id(ctx, "id"),
                    Json.text(body, "provider", true));
            ctx.status(201).json(Map.of("id", created.id(), "prior_actions",
                    created.priorActions().stream().map(CaseRoutes::prior).toList()));
        });
        routes.api("POST", "/api/v1/referrals/{id}/send", (ctx, who) -> {
            takedown.referrals().send(who.actor(), Lists.id(ctx, "id"));
            ctx.status(204);
        });
        routes.api("POST", "/api/v1/referrals/{id}/outcome", (ctx, who) -> {
            takedown.referrals().recordOutcome(who.actor(), Lists.id(ctx, "id"),
                    Json.text(Json.object(ctx), "outcome", true));
            ctx.status(204);
        });
    }

    static Map<String, Object> caseFile(CaseFile file) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", file.id());
        out.put("agency", file.agency());
        out.put("title", file.title());
        out.put("handling", file.handling().name().toLowerCase());
        out.put("may_leave", file.mayLeave());
        out.put("created_by", file.createdBy());
        out.put("created_at", file.createdAt().toString());
        return out;
    }

    static Map<String, Object> item(Item item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", item.id());
        out.put("case_id", item.caseId());
        out.put("agency", item.agency());
        out.put("url", item.url());
        out.put("canonical_url", item.canonicalUrl());
        out.put("capture", item.captureRef().orElse(null));
        out.put("signals", item.signals());
        out.put("labels", item.labels());
        out.put("handling", item.handling().name().toLowerCase());
        out.put("created_by", item.createdBy());
        out.put("created_at", item.createdAt().toString());
        return out;
    }

    static Map<String, Object> prior(PriorAction prior) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", prior.kind());
        out.put("id", prior.restricted() ? null : prior.id());
        out.put("agency", prior.agency());
        out.put("status", prior.status());
        out.put("at", prior.at().toString());
        out.put("restricted", prior.restricted());
        return out;
    }
}
