package io.takedown.server.console;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Policy;
import io.takedown.app.Takedown;
import io.takedown.audit.AuditVerifier;
import io.takedown.banks.Bank;
import io.takedown.banks.BankEntry;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.orders.OrderStatus;
import io.takedown.orders.RemovalOrder;
import io.takedown.orders.TransparencyReport;
import io.takedown.server.accounts.Accounts;
import io.takedown.server.http.Authenticator;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Principal;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Bank browser with match explanations, the live compliance board, reports, audit verification, API tokens. */
final class ConsoleRecords {

    /** Entries a bank page lists; the API pages through all of them. */
    static final int ENTRIES_SHOWN = 200;
    private static final Duration BOARD_REFRESH = Duration.ofSeconds(1);

    private final Takedown takedown;
    private final Accounts accounts;
    private final MatchingService matching;
    private final Templates templates;
    private final Streams streams;

    ConsoleRecords(Takedown takedown, Accounts accounts, MatchingService matching, Templates templates, Streams streams) {
        this.streams = streams;
        this.takedown = takedown;
        this.accounts = accounts;
        this.matching = matching;
        this.templates = templates;
    }

    void register(Routes routes, Javalin app) {
        routes.console("GET", "/console/banks", (ctx, who) -> {
            Policy.check(who.actor(), Action.MATCH_CONTENT);
            Map<String, Integer> counts = takedown.banks().activeCounts();
            List<Views.BankRow> banks = takedown.banks().banks().stream().map(b -> new Views.BankRow(b.name(),
                    b.description() == null ? "" : b.description(), counts.getOrDefault(b.name(), 0), b.negative(),
                    b.pdqDistance().isPresent() ? Integer.toString(b.pdqDistance().getAsInt()) : "default (31)")).toList();
            templates.page(ctx, "banks.jte", new Views.Banks(Console.frame(who, "Banks", "banks"), banks));
        });
        routes.console("GET", "/console/banks/{name}", (ctx, who) -> {
            Policy.check(who.actor(), Action.MATCH_CONTENT);
            Bank bank = takedown.banks().bank(ctx.pathParam("name"));
            List<BankEntry> entries = takedown.banks().entries(bank.name(), true);
            List<Views.EntryRow> rows = entries.stream().limit(ENTRIES_SHOWN).map(e -> new Views.EntryRow(e.id(),
                    e.signal().type(), e.signal().value(), String.join(", ", e.labels()), e.state().label(),
                    e.provenance().addedBy() + ", " + e.provenance().addedAt()
                            + e.provenance().sourceRef().map(s -> ", " + s).orElse(""))).toList();
            String query = Optional.ofNullable(ctx.queryParam("q")).map(String::trim).orElse("");
            List<Views.MatchRow> matches = List.of();
            String error = null;
            if (!query.isEmpty()) {
                try {
                    matches = ConsolePages.explain(matching.match(io.takedown.banks.matching.MatchQuery.of(
                            List.of(guess(query)))));
                } catch (InvalidInputException e) {
                    error = e.getMessage();
                }
            }
            templates.page(ctx, "bank.jte", new Views.BankBrowser(Console.frame(who, "Bank " + bank.name(), "banks"),
                    bank.name(), bank.description() == null ? "" : bank.description(), rows, rows.size(), entries.size(),
                    query, matches, error));
        });
        routes.console("GET", "/console/board", (ctx, who) -> {
            Policy.check(who.actor(), Action.VIEW_ORDER);
            templates.page(ctx, "board.jte", new Views.Board(Console.frame(who, "Board", "board"), columns(who.actor()),
                    Clocks.at(takedown.clock().instant())));
        });
        app.sse("/console/board/events", client -> {
            client.keepAlive();
            streams.add(client);
            Optional<Principal> who = new Authenticator(accounts, Optional.empty(), () -> null).session(client.ctx());
            if (who.isEmpty() || !Policy.allows(who.get().actor(), Action.VIEW_ORDER)) {
                client.sendEvent("error", "sign in first");
                client.close();
                return;
            }
            Thread.ofVirtual().name("board-" + who.get().actor().name()).start(() -> stream(client, who.get().actor()));
        });
        routes.console("GET", "/console/reports", (ctx, who) -> {
            int year = Lists.intParam(ctx, "year", takedown.clock().instant().atZone(ZoneOffset.UTC).getYear(), 2000, 2200);
            List<Views.ReportLine> lines = List.of();
            String error = null;
            try {
                lines = TransparencyReport.forYear(takedown.database(), who.actor(), year).lines().stream()
                        .map(l -> new Views.ReportLine(l.section(), l.measure(), l.value())).toList();
            } catch (TakedownException e) {
                if (e.kind() != TakedownException.Kind.FORBIDDEN) {
                    throw e;
                }
                error = e.getMessage();
            }
            templates.page(ctx, "reports.jte", new Views.Report(Console.frame(who, "Reports", "reports"), year, lines, error));
        });
        routes.console("GET", "/console/reports/transparency.csv", (ctx, who) -> {
            int year = Lists.intParam(ctx, "year", takedown.clock().instant().atZone(ZoneOffset.UTC).getYear(), 2000, 2200);
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition",
                    "attachment; filename=\"transparency-" + year + ".csv\"")
                    .result(TransparencyReport.forYear(takedown.database(), who.actor(), year).csv());
        });
        routes.console("GET", "/console/audit", (ctx, who) -> {
            Policy.check(who.actor(), Action.VIEW_AUDIT);
            templates.page(ctx, "audit.jte", new Views.Audit(Console.frame(who, "Audit", "audit"), false, false, 0, 0,
                    "", List.of()));
        });
        routes.console("POST", "/console/audit/verify", (ctx, who) -> {
            AuditVerifier.Report report = takedown.auditReview().verify(who.actor());
            templates.page(ctx, "audit.jte", new Views.Audit(Console.frame(who, "Audit", "audit"), true, report.intact(),
                    report.entries(), report.checkpoints(), takedown.logKeyId().orElse(""), report.problems().stream()
                    .map(p -> new Views.Problem(p.seq(), p.kind(), p.message())).toList()));
        });
        routes.console("GET", "/console/tokens", (ctx, who) -> tokens(ctx, who, null));
        routes.console("POST", "/console/tokens", (ctx, who) -> {
            Accounts.IssuedToken issued = accounts.issueToken(who.actor(), who.actor().name(), ctx.formParam("name"));
            tokens(ctx, who, issued.secret());
        });
    }

    private void tokens(io.javalin.http.Context ctx, Principal who, String secret) {
        List<Views.TokenRow> rows = accounts.tokens(who.actor(), who.actor().name()).stream().map(t -> new Views.TokenRow(
                t.id(), t.name(), t.createdAt().toString(), t.lastUsedAt().map(Object::toString).orElse("never"),
                t.revokedAt().map(Object::toString).orElse("-"))).toList();
        templates.page(ctx, "tokens.jte", new Views.Tokens(Console.frame(who, "API tokens", "tokens"), rows, secret));
    }

    /** The signal a person typed: a 64-digit hex is PDQ unless it is a SHA-256 the user means; 32 digits MD5. */
    private Signal guess(String value) {
        String type = value.matches("[0-9a-fA-F]{32}") ? "md5" : value.matches("[0-9a-fA-F]{64}") ? "pdq"
                : value.startsWith("http") ? "url" : null;
        if (type == null) {
            throw new InvalidInputException(null, "enter a PDQ hash (64 hex digits), an MD5 (32) or a URL");
        }
        SignalType signalType = takedown.signals().get(type);
        return Signal.of(type, signalType.validate(value));
    }

    /** Sends the board whenever it changes, until the browser goes away or the server stops. */
    private void stream(SseClient client, Actor actor) {
        String last = null;
        try {
            while (!client.terminated()) {
                String html = templates.render("boardcolumns.jte", Map.of("columns", columns(actor), "updated",
                        Clocks.at(takedown.clock().instant())));
                String comparable = html.replaceAll("Updated [^<]*", "");
                if (!comparable.equals(last)) {
                    client.sendEvent("board", html.replace("\n", ""));
                    last = comparable;
                }
                Thread.sleep(BOARD_REFRESH.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            client.close();
        }
    }

    private List<Views.BoardColumn> columns(Actor actor) {
        Instant now = takedown.clock().instant();
        Map<String, List<RemovalOrder>> byProvider = new TreeMap<>();
        for (RemovalOrder order : takedown.orders().list(actor)) {
            byProvider.computeIfAbsent(order.provider(), p -> new ArrayList<>()).add(order);
        }
        List<Views.BoardColumn> columns = new ArrayList<>();
        byProvider.forEach((provider, orders) -> {
            int sent = 0;
            int executed = 0;
            int overdue = 0;
            int other = 0;
            for (RemovalOrder order : orders) {
                if (order.overdueAt(now)) {
                    overdue++;
                } else if (order.status() == OrderStatus.SENT) {
                    sent++;
                } else if (order.status() == OrderStatus.EXECUTED) {
                    executed++;
                } else {
                    other++;
                }
            }
            columns.add(new Views.BoardColumn(provider, sent, executed, overdue, other, ConsolePages.orderRows(orders, now)));
        });
        return columns;
    }
}
