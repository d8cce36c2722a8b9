package io.takedown.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.app.Takedown;
import io.takedown.core.InvalidInputException;
import io.takedown.orders.Impossibility;
import io.takedown.orders.OrderService;
import io.takedown.orders.RemovalOrder;
import io.takedown.server.http.Json;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Routes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** TCO removal orders over {@link OrderService}: the same transitions, checks and audit as the CLI. */
public final class OrderRoutes {

    private final Takedown takedown;

    public OrderRoutes(Takedown takedown) {
        this.takedown = takedown;
    }

    public void register(Routes routes) {
        routes.api("GET", "/api/v1/orders", (ctx, who) -> Lists.page(ctx, takedown.orders().list(who.actor()),
                RemovalOrder::id, o -> order(o, takedown.clock().instant())));
        routes.api("POST", "/api/v1/orders", (ctx, who) -> {
            ObjectNode body = Json.object(ctx);
            if (!body.path("item").canConvertToLong()) {
                throw new InvalidInputException(null, "field 'item' must be the id of an item");
            }
            String language = Json.text(body, "language", false);
            String basis = Json.text(body, "legal_basis", false);
            RemovalOrder order = takedown.orders().draft(who.actor(), body.path("item").asLong(),
                    Json.text(body, "provider", true), basis == null ? "Art. 5 Directive (EU) 2017/541" : basis,
                    Json.text(body, "reasons", true), body.path("emergency").asBoolean(false),
                    language == null ? "en" : language);
            ctx.status(201).json(order(order, takedown.clock().instant()));
        });
        routes.api("GET", "/api/v1/orders/{id}", (ctx, who) -> {
            long id = Lists.id(ctx, "id");
            Map<String, Object> out = order(takedown.orders().get(who.actor(), id), takedown.clock().instant());
            out.put("history", takedown.orders().history(who.actor(), id).stream().map(e -> Map.of("kind", e.kind(),
                    "detail", e.detail() == null ? "" : e.detail(), "actor", e.actor(), "at", e.at().toString())).toList());
            ctx.json(out);
        });
        routes.api("POST", "/api/v1/orders/{id}/approve", (ctx, who) ->
                ctx.json(order(takedown.orders().approve(who.actor(), Lists.id(ctx, "id")), takedown.clock().instant())));
        routes.api("POST", "/api/v1/orders/{id}/send", (ctx, who) -> {
            // Queued in the outbox and delivered now; the hour runs from the provider's acknowledged receipt.
            long id = Lists.id(ctx, "id");
            takedown.orders().send(who.actor(), id);
            takedown.orderDelivery().deliver(id);
            ctx.json(order(takedown.orders().get(who.actor(), id), takedown.clock().instant()));
        });
        routes.api("POST", "/api/v1/orders/{id}/feedback", (ctx, who) -> {
            String at = Json.text(Json.object(ctx), "removed_at", false);
            ctx.json(order(takedown.orders().recordExecution(who.actor(), Lists.id(ctx, "id"),
                    at == null ? takedown.clock().instant() : instant(at)), takedown.clock().instant()));
        });
        routes.api("POST", "/api/v1/orders/{id}/impossible", (ctx, who) -> {
            ObjectNode body = Json.object(ctx);
            Impossibility reason;
            try {
                reason = Impossibility.valueOf(Json.text(body, "reason", true).toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, "reason must be one of force_majeure, manifest_error, "
                        + "missing_information");
            }
            ctx.json(order(takedown.orders().declareImpossible(who.actor(), Lists.id(ctx, "id"), reason,
                    Optional.ofNullable(Json.text(body, "explanation", false)).orElse("")), takedown.clock().instant()));
        });
        routes.api("POST", "/api/v1/orders/{id}/scrutiny", (ctx, who) -> {
            ObjectNode body = Json.object(ctx);
            ctx.json(order(takedown.orders().recordScrutiny(who.actor(), Lists.id(ctx, "id"),
                    body.path("infringes").asBoolean(false), Optional.ofNullable(Json.text(body, "reasoning", false))
                            .orElse("")), takedown.clock().instant()));
        });
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, "'" + text + "' is not an ISO-8601 instant such as 2026-11-30T10:15:00Z");
        }
    }

    public static Map<String, Object> order(RemovalOrder order, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", order.id());
        out.put("item", order.itemId());
        out.put("issuer", order.agency());
        out.put("provider", order.provider());
        out.put("status", order.status().label());
        out.put("emergency", order.emergency());
        out.put("first_for_provider", order.firstForProvider());
        out.put("cross_border", order.crossBorder());
        out.put("language", order.language());
        out.put("created_by", order.createdBy());
        out.put("created_at", order.createdAt().toString());
        out.put("approved_by", order.approvedBy().orElse(null));
        out.put("received_at", order.receivedAt().map(Object::toString).orElse(null));
        out.put("deadline_at", order.deadlineAt().map(Object::toString).orElse(null));
        out.put("overdue", order.overdueAt(now));
        out.put("executed_at", order.executedAt().map(Object::toString).orElse(null));
        out.put("scrutiny_due_at", order.scrutinyDueAt().map(Object::toString).orElse(null));
        out.put("preserve_until", order.preserveUntil().map(Object::toString).orElse(null));
        return out;
    }
}
