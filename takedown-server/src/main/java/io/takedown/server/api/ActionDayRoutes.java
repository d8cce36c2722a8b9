package io.takedown.server.api;

import io.takedown.app.Takedown;
import io.takedown.operations.board.Board;
import io.takedown.operations.plan.ActionDay;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/** Action days (takedown-operations): the list the caller takes part in, and one day's board as JSON. */
public final class ActionDayRoutes {

    private final Takedown takedown;

    public ActionDayRoutes(Takedown takedown) {
        this.takedown = takedown;
    }

    public void register(Routes routes) {
        routes.api("GET", "/api/v1/action-days", (ctx, who) -> Lists.page(ctx,
                takedown.actionPlanning().list(who.actor()), ActionDay::id, ActionDayRoutes::day));
        routes.api("GET", "/api/v1/action-days/{id}/board", (ctx, who) ->
                Lists.json(ctx, board(takedown.boards().board(who.actor(), Lists.id(ctx, "id")))));
    }

    static Map<String, Object> day(ActionDay day) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", day.id());
        out.put("name", day.name());
        out.put("coordinator", day.coordinator());
        out.put("status", day.status().label());
        out.put("h_hour", day.hHour().toString());
        out.put("participants", day.participants());
        return out;
    }

    static Map<String, Object> board(Board board) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", board.actionId());
        out.put("name", board.name());
        out.put("coordinator", board.coordinator());
        out.put("status", board.status().label());
        out.put("h_hour", board.hHour().toString());
        out.put("at", board.at().toString());
        out.put("total", row(board.total()));
        out.put("by_provider", board.byProvider().stream().map(ActionDayRoutes::row).toList());
        out.put("by_country", board.byCountry().stream().map(ActionDayRoutes::row).toList());
        out.put("by_agency", board.byAgency().stream().map(ActionDayRoutes::row).toList());
        out.put("countdowns", board.countdowns().stream().map(c -> Map.of("order", c.orderId(), "provider", c.provider(),
                "country", c.country(), "deadline", c.deadline().toString(), "remaining_seconds",
                c.remaining().toSeconds())).toList());
        out.put("held", board.held().stream().map(l -> Map.of("target", l.targetId(), "agency", l.agency(),
                "provider", l.provider(), "url", l.url(), "state", l.state().label(), "reason",
                l.reason() == null ? "" : l.reason())).toList());
        return out;
    }

    private static Map<String, Object> row(Board.Row r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", r.key());
        out.put("targets", r.targets());
        out.put("planned", r.planned());
        out.put("held", r.held());
        out.put("not_fired", r.notFired());
        out.put("failed", r.failed());
        out.put("sent", r.sent());
        out.put("acknowledged", r.acknowledged());
        out.put("removed", r.removed());
        out.put("overdue", r.overdue());
        out.put("contested", r.contested());
        out.put("annex_iii", r.annexIII());
        out.put("escalated", r.escalated());
        out.put("next_deadline", r.nextDeadline().map(Object::toString).orElse(null));
        return out;
    }
}
