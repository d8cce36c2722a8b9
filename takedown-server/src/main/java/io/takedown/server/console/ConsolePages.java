package io.takedown.server.console;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Policy;
import io.takedown.app.Takedown;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.cases.CaseFile;
import io.takedown.cases.Item;
import io.takedown.orders.OrderService;
import io.takedown.orders.OrderStatus;
import io.takedown.orders.RemovalOrder;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;
import io.takedown.signals.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Triage queue, item review (media blurred, unblurring audited), cases, orders with their legal timeline. */
final class ConsolePages {

    private final Takedown takedown;
    private final MatchingService matching;
    private final Templates templates;
    private final TriageQueue triage;
    private final MediaReview media;

    ConsolePages(Takedown takedown, MatchingService matching, Templates templates) {
        this.takedown = takedown;
        this.matching = matching;
        this.templates = templates;
        this.triage = new TriageQueue(takedown, matching);
        this.media = new MediaReview(takedown);
    }

    void register(Routes routes) {
        routes.console("GET", "/console", (ctx, who) -> templates.page(ctx, "triage.jte", new Views.Triage(
                Console.frame(who, "Triage", "triage"), triage.rows(who.actor()), takedown.clock().instant().toString())));
        routes.console("GET", "/console/items/{id}", (ctx, who) -> {
            long id = Lists.id(ctx, "id");
            Item item = takedown.cases().viewItem(who.actor(), id);
            templates.page(ctx, "item.jte", review(who, item, false));
        });
        routes.console("GET", "/console/items/{id}/media", (ctx, who) -> {
            Item item = takedown.cases().viewItem(who.actor(), Lists.id(ctx, "id"));
            ctx.contentType("image/svg+xml").header("Cache-Control", "private, no-store").result(MediaReview.placeholder(item));
        });
        routes.console("POST", "/console/items/{id}/unblur", (ctx, who) -> {
            long id = Lists.id(ctx, "id");
            Item item = media.unblur(who.actor(), id);
            if (ctx.header("HX-Request") != null) {
                ctx.contentType("text/html; charset=utf-8").result(templates.render("media.jte",
                        Map.of("id", id, "unblurred", true, "csrf", Console.frame(who, "", "").csrf())));
            } else {
                templates.page(ctx, "item.jte", review(who, item, true));
            }
        });
        routes.console("GET", "/console/cases", (ctx, who) -> {
            List<Views.CaseRow> cases = new ArrayList<>();
            Map<Long, List<Views.ItemRow>> items = new LinkedHashMap<>();
            for (CaseFile file : takedown.cases().cases(who.actor())) {
                List<Views.ItemRow> rows = takedown.cases().items(who.actor(), file.id()).stream()
                        .map(i -> new Views.ItemRow(i.id(), i.url(), i.handling().name().toLowerCase(),
                                String.join(", ", i.labels()))).toList();
                items.put(file.id(), rows);
                cases.add(new Views.CaseRow(file.id(), file.title(), file.agency(), file.handling().name().toLowerCase(),
                        rows.size(), file.createdAt().toString()));
            }
            templates.page(ctx, "cases.jte", new Views.Cases(Console.frame(who, "Cases", "cases"), cases, items));
        });
        routes.console("GET", "/console/orders", (ctx, who) -> templates.page(ctx, "orders.jte", new Views.Orders(
                Console.frame(who, "Orders", "orders"), orderRows(takedown.orders().list(who.actor()),
                        takedown.clock().instant()))));
        routes.console("GET", "/console/orders/{id}", (ctx, who) -> templates.page(ctx, "order.jte",
                order(who, Lists.id(ctx, "id"))));
        for (String step : List.of("approve", "send", "feedback")) {
            routes.console("POST", "/console/orders/{id}/" + step, (ctx, who) -> {
                long id = Lists.id(ctx, "id");
                OrderService orders = takedown.orders();
                switch (step) {
                    case "approve" -> orders.approve(who.actor(), id);
                    case "send" -> {
                        orders.send(who.actor(), id);
                        takedown.orderDelivery().deliver(id);
                    }
                    default -> orders.recordExecution(who.actor(), id, takedown.clock().instant());
                }
                ctx.redirect("/console/orders/" + id);
            });
        }
    }

    private Views.ItemReview review(io.takedown.server.http.Principal who, Item item, boolean unblurred) {
        List<Views.Fact> facts = new ArrayList<>();
        facts.add(new Views.Fact("Case", Long.toString(item.caseId())));
        facts.add(new Views.Fact("Agency", item.agency()));
        facts.add(new Views.Fact("Canonical URL", item.canonicalUrl()));
        facts.add(new Views.Fact("Capture", item.captureRef().orElse("-")));
        item.signals().forEach((type, value) -> facts.add(new Views.Fact("Signal " + type, value)));
        facts.add(new Views.Fact("Added", item.createdAt() + " by " + item.createdBy()));
        // Deconfliction is for authorities only, and each look is audited.
        List<Views.PriorRow> prior = !Policy.allows(who.actor(), Action.DECONFLICT) ? List.of()
                : takedown.cases().priorActions(who.actor(), item.url()).stream().map(p -> new Views.PriorRow(p.kind(),
                        p.agency(), p.status().toLowerCase(), p.at().toString())).toList();
        return new Views.ItemReview(Console.frame(who, "Item " + item.id(), "cases"), item.id(), item.url(),
                item.handling().name().toLowerCase(), facts, item.labels(), unblurred, prior, matches(who.actor(),
                item.signals().entrySet().stream().map(e -> Signal.of(e.getKey(), e.getValue())).toList()));
    }

    /** Matches with the reason each one counts (distance against the bank's threshold, suppression). */
    List<Views.MatchRow> matches(Actor actor, List<Signal> signals) {
        if (signals.isEmpty() || !matching.ready() || !Policy.allows(actor, Action.MATCH_CONTENT)) {
            return List.of();
        }
        return explain(matching.match(new MatchQuery(signals, Map.of())));
    }

    static List<Views.MatchRow> explain(List<MatchResult> results) {
        return results.stream().map(r -> new Views.MatchRow(r.entry().bankName(), r.entry().id(), r.signalType(),
                r.distance(), String.join(", ", r.entry().labels()), r.entry().provenance().addedBy() + ", "
                + r.entry().provenance().addedAt() + r.entry().provenance().sourceRef().map(s -> ", from " + s).orElse(""),
                (r.signalType().equals("pdq") ? r.distance() + " of 256 bits differ" : r.distance() == 0 ? "identical"
                        : "distance " + r.distance()) + r.transform().map(t -> ", after " + t).orElse("")
                        + (r.suppressed() ? "; suppressed: negative bank entry " + r.suppressedBy().get().id()
                        + " marks it a known false positive" : ""))).toList();
    }

    static List<Views.OrderRow> orderRows(List<RemovalOrder> orders, Instant now) {
        return orders.stream().map(o -> {
            Duration left = o.status() == OrderStatus.SENT ? o.deadlineAt().map(d -> Duration.between(now, d)).orElse(null)
                    : null;
            return new Views.OrderRow(o.id(), o.provider(), o.status().label(),
                    left == null ? null : o.deadlineAt().get().toString(), left == null ? null : Clocks.timeLeft(left),
                    left == null ? null : Clocks.urgency(left));
        }).toList();
    }

    private Views.OrderDetail order(io.takedown.server.http.Principal who, long id) {
        Actor actor = who.actor();
        RemovalOrder order = takedown.orders().get(actor, id);
        Instant now = takedown.clock().instant();
        List<Views.Fact> clock = new ArrayList<>();
        clock.add(new Views.Fact("Drafted", order.createdAt() + " by " + order.createdBy()));
        order.approvedAt().ifPresent(at -> clock.add(new Views.Fact("Approved", at + " by " + order.approvedBy().orElse("?"))));
        order.earliestSendAt().filter(at -> order.status() == OrderStatus.APPROVED)
                .ifPresent(at -> clock.add(new Views.Fact("May be sent from", at + " (12-hour prior notice, Art. 3(2))")));
        order.receivedAt().ifPresent(at -> clock.add(new Views.Fact("Received by the provider", at.toString())));
        order.deadlineAt().ifPresent(at -> clock.add(new Views.Fact("Removal deadline (Art. 3(3))", at
                + (order.status() == OrderStatus.SENT ? " - " + Clocks.timeLeft(Duration.between(now, at)) : ""))));
        order.suspendedAt().ifPresent(at -> clock.add(new Views.Fact("Suspended (Annex III)", at.toString())));
        order.executedAt().ifPresent(at -> clock.add(new Views.Fact("Removed (Annex II)", at
                + (order.executedInTime() ? ", within the hour" : ", after the deadline"))));
        order.scrutinyDueAt().ifPresent(at -> clock.add(new Views.Fact("Host-state scrutiny due (Art. 4(4))", at.toString())));
        order.preserveUntil().ifPresent(at -> clock.add(new Views.Fact("Preserve content until (Art. 6)", at.toString())));
        order.informAfter().ifPresent(at -> clock.add(new Views.Fact("Inform the content provider after (Art. 11)", at.toString())));
        List<Views.TimelineEntry> timeline = takedown.orders().history(actor, id).stream()
                .map(e -> new Views.TimelineEntry(e.at().toString(), e.kind(), e.detail() == null ? "" : e.detail(), e.actor()))
                .toList();
        List<Views.Action> actions = new ArrayList<>();
        String base = "/console/orders/" + id + "/";
        if (order.status() == OrderStatus.DRAFT && Policy.allows(actor, Action.APPROVE_ORDER)) {
            actions.add(new Views.Action("Approve", base + "approve", "Four eyes: you did not draft it."));
        }
        if (order.status() == OrderStatus.APPROVED && Policy.allows(actor, Action.SEND_ORDER)) {
            actions.add(new Views.Action("Sign and send", base + "send", "Starts the one-hour removal clock."));
        }
        if (order.status() == OrderStatus.SENT && Policy.allows(actor, Action.RECORD_FEEDBACK)) {
            actions.add(new Views.Action("Record removal", base + "feedback", "Annex II feedback: removed now."));
        }
        return new Views.OrderDetail(Console.frame(who, "Order " + id, "orders"), id, order.status().label(),
                order.agency(), order.provider(), clock, timeline, actions, order.document());
    }
}
