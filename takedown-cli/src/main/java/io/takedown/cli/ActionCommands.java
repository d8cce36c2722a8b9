package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.app.Takedown;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.core.InvalidInputException;
import io.takedown.operations.afteraction.AfterAction;
import io.takedown.operations.afteraction.ReportHtml;
import io.takedown.operations.afteraction.ReportPdf;
import io.takedown.operations.afteraction.ResurfacingSource;
import io.takedown.operations.board.Board;
import io.takedown.operations.deconfliction.Conflict;
import io.takedown.operations.deconfliction.Scope;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.ActionPlanning;
import io.takedown.operations.plan.GoNoGo;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetKind;
import io.takedown.operations.plan.TargetRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code takedown action ...} and {@code takedown deconflict ...}: action days on the command line. Each
 * command parses, calls one service of the composition root as the {@code --as} user, and prints.
 */
final class ActionCommands {

    private ActionCommands() {
    }

    @Command(name = "action", description = "Action days: plan, approve, strike at H-hour, follow, report.",
            subcommands = {Create.class, ListDays.class, AddTargets.class, Freeze.class, Approve.class, Strike.class,
                Status.class, BoardCommand.class, Report.class})
    static final class ActionCommand extends LegalCommands.Group {
    }

    @Command(name = "create", description = "Plan an action day (coordinator of a coordinating agency).")
    static final class Create extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--h-hour", required = true, description = "When everything goes out, e.g. 2026-04-12T06:00:00Z.")
        String hHour;
        @Option(names = "--agency", required = true, split = ",", description = "Participating authorities.")
        List<String> agencies;

        @Override
        int run(Takedown w) {
            ActionDay day = w.actionPlanning().create(actor(w), name, instant(hHour), agencies);
            out().printf("action day %d planned, H-hour %s, parts %s%n", day.id(), day.hHour(),
                    String.join(", ", day.participants()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Action days you coordinate or take part in.")
    static final class ListDays extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("action", "name", "coordinator", "h_hour",
                    "status", "parts"))) {
                for (ActionDay day : w.actionPlanning().list(actor(w))) {
                    rows.row(Arrays.asList(day.id(), day.name(), day.coordinator(), day.hHour().toString(),
                            day.status().label(), String.join(" ", day.participants())));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add-targets", description = "Draft orders (or referrals) for items of your case, all hosted by "
            + "one provider, and add them to the plan.")
    static final class AddTargets extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ACTION")
        long action;
        @Option(names = "--case", required = true)
        long caseId;
        @Option(names = "--provider", required = true)
        String provider;
        @Option(names = "--item", split = ",", description = "Items of the case (default: all).")
        List<Long> items;
        @Option(names = "--referral", description = "Voluntary referrals instead of removal orders.")
        boolean referral;
        @Option(names = "--emergency", paramLabel = "REASON", description = "No 12-hour prior notice; the reason "
                + "goes into the signed plan.")
        String emergency;
        @Option(names = "--reasons", defaultValue = "terrorist content within the meaning of Art. 2(7)",
                description = "Statement of reasons (Annex I).")
        String reasons;
        @Option(names = "--language", defaultValue = "en")
        String language;

        @Override
        int run(Takedown w) {
            TargetRequest request = new TargetRequest(caseId, items == null ? List.of() : items, provider,
                    referral ? TargetKind.REFERRAL : TargetKind.ORDER, Optional.ofNullable(emergency), reasons,
                    language, null);
            ActionPlanning.Added added = w.actionPlanning().addTargets(actor(w), action, request);
            out().printf("%d target(s) added to action day %d%s%n", added.targets().size(), action,
                    added.skipped() > 0 ? " (" + added.skipped() + " already in the plan)" : "");
            for (Conflict conflict : added.conflicts()) {
                out().printf("held by deconfliction %s: %s%n", conflict.reference(), conflict.contact());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "freeze", description = "Freeze and sign the plan (coordinator); checks prior notice against H-hour.")
    static final class Freeze extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ACTION")
        long action;

        @Override
        int run(Takedown w) {
            ActionDay day = w.actionPlanning().freeze(actor(w), action);
            out().printf("action day %d frozen; plan signed by %s with key %s%n", day.id(), day.coordinator(),
                    day.plan().orElseThrow().keyId());
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", description = "Your agency's go for its part (an approver who added none of its targets).")
    static final class Approve extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ACTION")
        long action;

        @Override
        int run(Takedown w) {
            GoNoGo.Go go = w.goNoGo().approve(actor(w), action);
            out().printf("go from %s for action day %d: %d order(s) approved%n", go.agency(), go.actionId(),
                    go.ordersApproved());
            go.warnings().forEach(warning -> out().println("warning: " + warning));
            return ExitCodes.OK;
        }
    }

    @Command(name = "strike", description = "At H-hour: send every approved target at once (coordinator); "
            + "run again after an interruption to finish.")
    static final class Strike extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ACTION")
        long action;
        @Option(names = "--wait", description = "Wait for H-hour instead of refusing before it (connecting to the "
                + "providers shortly before).")
        boolean await;

        /** How long before H-hour the held orders are loaded and the connections opened. */
        static final Duration PREPARE_AHEAD = Duration.ofSeconds(15);

        @Override
        int run(Takedown w) throws InterruptedException {
            Actor actor = actor(w);
            io.takedown.operations.dispatch.Dispatcher dispatcher = w.dispatcher();
            if (await) {
                Instant hHour = w.actionPlanning().get(actor, action).hHour();
                Duration left = Duration.between(w.clock().instant(), hHour);
                if (!left.isNegative()) {
                    out().printf("waiting %d s for H-hour %s%n", left.toSeconds(), hHour);
                    out().flush();
                    // Shortly before H-hour (connections stay open well beyond): load the held orders, connect.
                    Thread.sleep(Math.max(0, left.minus(PREPARE_AHEAD).toMillis()));
                    w.strike().prepare(actor, action, dispatcher);
                    Thread.sleep(Math.max(0, Duration.between(w.clock().instant(), hHour).toMillis() + 1));
                }
            }
            StrikeReport report = w.strike().strike(actor, action, dispatcher);
            out().printf("fired %d, acknowledged %d, queued %d, failed %d, not fired %d; spread %.1f ms, p50 %.1f ms, "
                    + "p99 %.1f ms%n", report.fired(), report.delivered(), report.queued(), report.failed(),
                    report.notFiredTotal(),
                    report.spread().toNanos() / 1e6, report.p50().toNanos() / 1e6, report.p99().toNanos() / 1e6);
            report.notFired().forEach((reason, count) -> out().printf("not fired: %d, %s%n", count, reason));
            return report.failed() > 0 ? ExitCodes.SOME_INPUTS_FAILED : ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "The plan: parts and their go, targets per agency and provider, conflicts.")
    static final class Status extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ACTION")
        long action;

        @Override
        int run(Takedown w) {
            Actor actor = actor(w);
            ActionDay day = w.actionPlanning().get(actor, action);
            out().printf("action day %d \"%s\": %s, coordinator %s, H-hour %s%n", day.id(), day.name(),
                    day.status().label(), day.coordinator(), day.hHour());
            day.plan().ifPresent(plan -> out().printf("plan signed by key %s: %s%n", plan.keyId(),
                    w.actionPlanning().verifyPlan(actor, action) ? "signature verified" : "SIGNATURE DOES NOT VERIFY"));
            Board board = w.boards().board(actor, action);
            BoardCommand.parts(out(), board);
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("target", "agency", "provider", "country", "kind",
                    "order", "url", "outcome"))) {
                for (Target t : w.actionPlanning().targets(actor, action)) {
                    rows.row(Arrays.asList(t.id(), t.agency(), t.provider(), t.providerCountry(),
                            t.kind().name().toLowerCase(), t.orderId().isPresent() ? t.orderId().getAsLong() : null,
                            t.url(),
                            t.outcome().map(o -> o.name().toLowerCase() + t.outcomeReason().map(r -> ": " + r)
                                    .orElse("")).orElse("planned")));
                }
            }
            board.conflicts().forEach(c -> out().printf("conflict %s (target %d) %s: %s%n", c.reference(), c.targetId(),
                    c.status(), c.contact()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "board", description = "The live board per provider and country; --watch refreshes it.")
    static final class BoardCommand extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ACTION")
        long action;
        @Option(names = "--watch", paramLabel = "SECONDS", description = "Refresh every SECONDS until interrupted.")
        Integer watch;
        @Option(names = "--times", description = "With --watch, stop after this many refreshes.")
        Integer times;

        @Override
        int run(Takedown w) throws InterruptedException {
            Actor actor = actor(w);
            for (int round = 0; ; round++) {
                Board board = w.boards().board(actor, action);
                if (watch != null && Terminal.interactive()) {
                    out().print("\033[H\033[2J");
                }
                render(board);
                out().flush();
                if (watch == null || (times != null && round + 1 >= times)) {
                    return ExitCodes.OK;
                }
                Thread.sleep(Math.max(1, watch) * 1000L);
            }
        }

        private void render(Board board) {
            Duration toH = board.untilHHour();
            out().printf("action day %d \"%s\" (%s) at %s, %s%n", board.actionId(), board.name(), board.status().label(),
                    board.at(), toH.isNegative() ? "H+" + format(toH.negated()) : "H-" + format(toH));
            parts(out(), board);
            for (String[] group : new String[][] {{"provider", "p"}, {"country", "c"}, {"agency", "a"}}) {
                List<Board.Row> rows = switch (group[1]) {
                    case "p" -> board.byProvider();
                    case "c" -> board.byCountry();
                    default -> board.byAgency();
                };
                try (RowWriter table = OutputFormat.TABLE.open(out(), List.of(group[0], "targets", "held", "not fired",
                        "sent", "acknowledged", "removed", "overdue", "contested", "Annex III", "escalated",
                        "next deadline"))) {
                    for (Board.Row row : rows) {
                        table.row(row(row, board.at()));
                    }
                    table.row(row(board.total(), board.at()));
                }
            }
            for (Board.Countdown c : board.countdowns()) {
                out().printf("deadline in %s: order %d at %s (%s)%n", format(c.remaining()), c.orderId(), c.provider(),
                        c.country());
            }
            for (Board.Escalation e : board.escalations()) {
                out().printf("escalated: order %d of %s at %s, deadline %s%n", e.orderId(), e.agency(), e.provider(),
                        e.deadline());
            }
            for (Board.Line line : board.held()) {
                out().printf("%s: target %d (%s -> %s) %s%n", line.state().label(), line.targetId(), line.agency(),
                        line.provider(), line.reason());
            }
        }

        static void parts(java.io.PrintWriter out, Board board) {
            for (Board.PartLine part : board.parts()) {
                out.printf("part %-8s %4d targets: %s%n", part.agency(), part.targets(), part.approved()
                        ? "go from " + part.approvedBy().orElse("") + " at " + part.approvedAt().map(Instant::toString)
                        .orElse("") : "no go yet");
            }
        }

        private static List<Object> row(Board.Row row, Instant now) {
            return Arrays.asList(row.key(), row.targets(), row.held(), row.notFired() + row.failed(), row.sent(),
                    row.acknowledged(), row.removed(), row.overdue(), row.contested(), row.annexIII(), row.escalated(),
                    row.nextDeadline().map(d -> format(Duration.between(now, d))).orElse(""));
        }

        static String format(Duration d) {
            return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                    : d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
    }

    @Command(name = "report", description = "The after-action report as HTML and PDF.")
    static final class Report extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ACTION")
        long action;
        @Option(names = "--out", defaultValue = ".", description = "Folder for the files (default: current).")
        Path folder;

        @Override
        int run(Takedown w) throws java.io.IOException {
            AfterAction report = w.afterAction().report(actor(w), action, ResurfacingSource.NONE);
            Files.createDirectories(folder);
            Path html = folder.resolve("after-action-" + action + ".html");
            Path pdf = folder.resolve("after-action-" + action + ".pdf");
            Files.writeString(html, ReportHtml.render(report), StandardCharsets.UTF_8);
            Files.write(pdf, ReportPdf.render(report));
            Board.Row t = report.total();
            out().printf("%d targets: %d sent, %d removed, %d overdue, %d Annex III, %d escalated%n", t.targets(),
                    t.sent(), t.removed(), t.overdue(), t.annexIII(), t.escalated());
            out().printf("resurfacing: %s%n", report.source());
            out().printf("written %s and %s%n", html, pdf);
            return ExitCodes.OK;
        }
    }

    @Command(name = "deconflict", description = "\"Do not touch\" entries of ongoing investigations.",
            subcommands = {Register.class, Entries.class, Hits.class, Release.class})
    static final class DeconflictCommand extends LegalCommands.Group {
    }

    @Command(name = "register", description = "Protect a URL or a domain for your agency.")
    static final class Register extends LegalCommands.Legal {
        @Option(names = "--url")
        String url;
        @Option(names = "--domain")
        String domain;
        @Option(names = "--reason", required = true, description = "Kept to your agency.")
        String reason;
        @Option(names = "--contact", required = true, description = "Whom others contact (as handling allows).")
        String contact;
        @Option(names = "--handling", defaultValue = "amber", description = "red, amber or green (default ${DEFAULT-VALUE}).")
        String handling;

        @Override
        int run(Takedown w) {
            if ((url == null) == (domain == null)) {
                throw new InvalidInputException(null, "give exactly one of --url and --domain");
            }
            var entry = w.deconfliction().register(actor(w), url != null ? Scope.URL : Scope.DOMAIN,
                    url != null ? url : domain, reason, contact, Handling.parse(handling));
            out().printf("deconfliction entry %d registered (%s %s, %s)%n", entry.id(), entry.scope().name()
                    .toLowerCase(), entry.value(), entry.handling());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Your agency's entries.")
    static final class Entries extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("entry", "scope", "value", "handling",
                    "contact", "withdrawn"))) {
                for (var e : w.deconfliction().entries(actor(w))) {
                    rows.row(Arrays.asList(e.id(), e.scope().name().toLowerCase(), e.value(), e.handling(), e.contact(),
                            e.withdrawnAt().map(Instant::toString).orElse("")));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "hits", description = "Planned targets that touch your agency's entries.")
    static final class Hits extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("conflict", "entry", "action", "coordinator",
                    "h_hour", "url", "status"))) {
                for (var h : w.deconfliction().hits(actor(w))) {
                    rows.row(Arrays.asList(h.reference(), h.entryId(), h.actionId() + " " + h.actionName(),
                            h.coordinator(), h.hHour().toString(), h.targetUrl(), h.status()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "release", description = "Let a held target go ahead (approver of the owning agency).")
    static final class Release extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "DC-N")
        String reference;

        @Override
        int run(Takedown w) {
            var hit = w.deconfliction().release(actor(w), reference);
            out().printf("%s released: target %d of action day %d may fire%n", hit.reference(), hit.targetId(),
                    hit.actionId());
            return ExitCodes.OK;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, "H-hour must be an ISO instant such as 2026-04-12T06:00:00Z, got '"
                    + text + "'");
        }
    }
}
