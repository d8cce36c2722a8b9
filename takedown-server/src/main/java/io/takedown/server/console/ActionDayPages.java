package io.takedown.server.console;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.operations.board.Board;
import io.takedown.server.accounts.Accounts;
import io.takedown.server.http.Authenticator;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Principal;
import io.takedown.server.http.Routes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Action days (takedown-operations): the list, and each day's board, which the browser keeps open while
 * the strike runs; server-sent events push the board whenever a provider's answer changes it.
 */
final class ActionDayPages {

    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final Takedown takedown;
    private final Accounts accounts;
    private final Templates templates;
    private final Streams streams;

    ActionDayPages(Takedown takedown, Accounts accounts, Templates templates, Streams streams) {
        this.streams = streams;
        this.takedown = takedown;
        this.accounts = accounts;
        this.templates = templates;
    }

    void register(Routes routes, Javalin app) {
        routes.console("GET", "/console/actions", (ctx, who) -> templates.page(ctx, "actions.jte", new Views.ActionDays(
                Console.frame(who, "Action days", "actions"), takedown.actionPlanning().list(who.actor()).stream()
                .map(d -> new Views.ActionDayRow(d.id(), d.name(), d.coordinator(), d.status().label(), d.hHour().toString(),
                        String.join(", ", d.participants()))).toList())));
        routes.console("GET", "/console/actions/{id}", (ctx, who) -> {
            Board board = takedown.boards().board(who.actor(), Lists.id(ctx, "id"));
            templates.page(ctx, "actionboard.jte", new Views.ActionBoard(Console.frame(who, board.name(), "actions"),
                    board.actionId(), board.name(), view(board)));
        });
        app.sse("/console/actions/{id}/events", client -> {
            client.keepAlive();
            streams.add(client);
            Optional<Principal> who = new Authenticator(accounts, Optional.empty(), () -> null).session(client.ctx());
            long id;
            try {
                id = Long.parseLong(client.ctx().pathParam("id"));
            } catch (NumberFormatException e) {
                client.close();
                return;
            }
            if (who.isEmpty()) {
                client.sendEvent("error", "sign in first");
                client.close();
                return;
            }
            Actor actor = who.get().actor();
            Thread.ofVirtual().name("action-board-" + id).start(() -> stream(client, actor, id));
        });
    }

    private void stream(SseClient client, Actor actor, long id) {
        String last = null;
        try {
            while (!client.terminated()) {
                String html = templates.render("actionboardbody.jte", Map.of("board",
                        view(takedown.boards().board(actor, id))));
                String comparable = html.replaceAll("As of [^<]*", "");
                if (!comparable.equals(last)) {
                    client.sendEvent("board", html.replace("\n", ""));
                    last = comparable;
                }
                Thread.sleep(REFRESH.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            client.close();
        }
    }

    static Views.ActionBoardBody view(Board board) {
        List<Views.ActionRow> providers = board.byProvider().stream().map(ActionDayPages::row).toList();
        List<Views.ActionRow> countries = board.byCountry().stream().map(ActionDayPages::row).toList();
        List<Views.Countdown> countdowns = board.countdowns().stream().map(c -> new Views.Countdown(c.orderId(),
                c.provider(), c.country(), Clocks.at(c.deadline()), Clocks.timeLeft(c.remaining()),
                Clocks.urgency(c.remaining()))).toList();
        List<Views.HeldLine> held = board.held().stream().map(l -> new Views.HeldLine(l.targetId(), l.agency(),
                l.provider(), l.url(), l.state().label(), l.reason())).toList();
        return new Views.ActionBoardBody(board.status().label(), Clocks.at(board.hHour()),
                Clocks.timeLeft(board.untilHHour()).replace(" left", " to H-hour"), Clocks.at(board.at()),
                row(board.total()), providers, countries, countdowns, held);
    }

    private static Views.ActionRow row(Board.Row r) {
        return new Views.ActionRow(r.key(), r.targets(), r.sent(), r.acknowledged(), r.removed(), r.overdue(),
                r.held() + r.notFired() + r.failed(), r.nextDeadline().map(Clocks::at).orElse("-"));
    }
}
