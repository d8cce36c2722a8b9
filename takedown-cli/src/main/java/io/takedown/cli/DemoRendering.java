package io.takedown.cli;

import io.takedown.app.demo.DemoAct;
import io.takedown.app.demo.DemoResult;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.operations.afteraction.AfterAction;
import io.takedown.operations.afteraction.AfterActionService;
import io.takedown.operations.board.Board;
import io.takedown.operations.dispatch.StrikeReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Prints the demo's acts for a person, one numbered section per act, and the closing summary. */
final class DemoRendering {

    private final PrintWriter out;
    private int section;

    DemoRendering(PrintWriter out) {
        this.out = out;
    }

    void note(String line) {
        out.println("   · " + line);
        out.flush();
    }

    void render(DemoAct act) {
        switch (act) {
            case DemoAct.RangeReady r -> {
                heading("Range: %d fictional outlets, %d articles, %d items, %d simulated providers (files and ground "
                        + "truth in %s).", r.outlets(), r.articles(), r.items(), r.providers(), r.directory());
                out.printf("   Crawl: starting from %s.%n", r.crawlSource());
            }
            case DemoAct.Detection d -> {
                heading("Banked %d signals of the outlets' originals in bank %s, then matched every mirror copy against "
                        + "all banks (PDQ radius 31, dihedral variants for flips):", d.banked(), d.bank());
                table(List.of("alteration", "copies", "found", "recall", "via dihedral", "wrong original",
                        "mean distance"), d.rows().stream().map(row -> Arrays.<Object>asList(row.alteration(),
                        row.copies(), row.found(), String.format("%.1f %%", 100 * row.recall()), row.viaDihedral(),
                        row.wrong(), String.format("%.1f", row.meanDistance()))).toList());
            }
            case DemoAct.Cases c -> {
                heading("Cases: %d opened from what matched, one per outlet and authority (handling AMBER):", c.cases());
                c.itemsPerAgency().forEach((agency, items) -> out.printf("   %-7s %4d items  outlets %s%n", agency, items,
                        String.join(", ", c.outletsPerAgency().get(agency))));
            }
            case DemoAct.Plan p -> plan(p);
            case DemoAct.Strike s -> strike(s.report());
            case DemoAct.Compliance c -> compliance(c);
            case DemoAct.AfterActionReport a -> afterAction(a);
            case DemoAct.Audit a -> heading("Audit trail: %s, %d entries, %d signed checkpoints; transparency %s: "
                    + "orders issued = %s, executed within one hour of receipt = %s.", a.intact() ? "intact" : "TAMPERED",
                    a.entries(), a.checkpoints(), "2026", a.ordersIssued(), a.withinHour());
            case DemoAct.Skipped s -> heading("Skipped %s: %s.", s.what(), s.why());
        }
        out.flush();
    }

    private void plan(DemoAct.Plan p) {
        heading("Action day #%d \"%s\", coordinated by %s, H-hour %s: %d targets at %d providers in %d countries.",
                p.actionId(), p.name(), p.coordinator(), p.hHour(), p.targets(), p.providers(), p.countries());
        for (String conflict : p.conflicts()) {
            out.println("   Deconfliction " + conflict);
        }
        for (Board.PartLine part : p.parts()) {
            out.printf("   %-7s %4d targets  %s%n", part.agency(), part.targets(), part.approved()
                    ? "go (" + part.approvedBy().orElse("") + ", four eyes: not the analyst who added them)"
                    : "NO GO: not approved before H-hour, its part will not fire");
        }
        out.printf("   Plan frozen and signed by %s (key %s, SHA-256 %s…): signature %s.%n", p.coordinator(), p.keyId(),
                p.planSha256().substring(0, Math.min(16, p.planSha256().length())),
                p.planVerified() ? "verified" : "NOT VERIFIED");
    }

    private void strike(StrikeReport r) {
        heading("H-hour: %d orders fired at once, %d acknowledged by their providers, %d still queued, %d failed; "
                + "%d held back.", r.fired(), r.delivered(), r.queued(), r.failed(), r.notFiredTotal());
        out.printf("   Spread between first and last send %.1f ms; send latency p50 %.1f ms, p99 %.1f ms (strike took "
                + "%.2f s).%n", ms(r.spread()), ms(r.p50()), ms(r.p99()), r.elapsed().toMillis() / 1000.0);
        r.notFired().forEach((reason, count) -> out.printf("   Not fired: %d, %s%n", count, reason));
    }

    private void compliance(DemoAct.Compliance c) {
        heading("Compliance in range time (the one-hour clock of each order runs from its receipt):");
        table(List.of("after H-hour", "removed", "pending", "overdue", "Annex III", "escalated"), c.snapshots().stream()
                .map(s -> Arrays.<Object>asList("+" + label(s.afterHHour()), s.total().removed(), pending(s.total()),
                        s.total().overdue(), s.total().annexIII(), s.total().escalated())).toList());
        out.println("   Board per provider:");
        table(List.of("provider", "targets", "sent", "acknowledged", "removed", "overdue", "Annex III", "escalated",
                "held/not fired"), c.board().byProvider().stream().map(DemoRendering::boardRow).toList());
        out.println("   Board per host country:");
        table(List.of("country", "targets", "sent", "acknowledged", "removed", "overdue", "Annex III", "escalated",
                "held/not fired"), c.board().byCountry().stream().map(DemoRendering::boardRow).toList());
    }

    private void afterAction(DemoAct.AfterActionReport a) {
        AfterAction r = a.report();
        heading("After action: time from receipt to removal per host country, and what came back:");
        table(List.of("country", "orders received", "removed", "within 1 h", "median", "slowest"), r.byCountry().stream()
                .map(t -> Arrays.<Object>asList(t.key(), t.orders(), t.removed(), String.format("%d (%.0f %%)",
                        t.withinHour(), 100 * t.withinHourShare()), minutes(t.median()), minutes(t.slowest())))
                .toList());
        for (AfterAction.Checkpoint c : r.checkpoints()) {
            out.printf("   +%-5s %3d resurfaced, %d new mirrors%s%n", AfterActionService.label(c.after()),
                    c.resurfaced().size(), c.newMirrors().size(), c.resurfaced().isEmpty() ? ""
                            : " (e.g. " + c.resurfaced().getFirst().foundAt() + ")");
        }
        out.printf("   Source: %s.%n", r.source());
        out.printf("   Report for the participating countries: %s%n                                            %s%n",
                a.html(), a.pdf());
    }

    void summary(DemoResult result) {
        out.println();
        out.println("Summary");
        Optional<DemoAct.Detection> detection = result.act(DemoAct.Detection.class);
        detection.flatMap(d -> d.rows().stream().filter(r -> r.alteration().equals("all image copies")).findFirst())
                .ifPresent(r -> out.printf("  Detection: %.1f %% of %d altered image copies matched their original.%n",
                        100 * r.recall(), r.copies()));
        result.act(DemoAct.Strike.class).ifPresent(s -> out.printf("  Strike: %d orders out at H-hour within %.0f ms; "
                + "%d held back (deconfliction, no go).%n", s.report().fired(), ms(s.report().spread()),
                s.report().notFiredTotal()));
        result.act(DemoAct.AfterActionReport.class).ifPresent(a -> {
            Board.Row t = a.report().total();
            int inTime = a.report().byCountry().stream().mapToInt(AfterAction.RemovalTimes::withinHour).sum();
            int received = a.report().byCountry().stream().mapToInt(AfterAction.RemovalTimes::orders).sum();
            out.printf("  Compliance: %d of %d received orders removed, %d within the hour; %d escalated, %d Annex III, "
                    + "%d never removed.%n", t.removed(), received, inTime, t.escalated(), t.annexIII(),
                    received - t.removed() - t.annexIII());
            AfterAction.Checkpoint week = a.report().checkpoints().getLast();
            out.printf("  Resurfacing: %d removed items back online within 7 days, all through re-hosting providers.%n",
                    week.resurfaced().size());
        });
        result.act(DemoAct.Audit.class).ifPresent(a -> out.printf("  Record: audit trail %s.%n", a.intact() ? "intact"
                : "TAMPERED"));
        out.printf("  Took %.1f s.%n", result.elapsed().toMillis() / 1000.0);
    }

    private static List<Object> boardRow(Board.Row row) {
        return Arrays.asList(row.key(), row.targets(), row.sent(), row.acknowledged(), row.removed(), row.overdue(),
                row.annexIII(), row.escalated(), row.held() + row.notFired());
    }

    private static int pending(Board.Row row) {
        return row.acknowledged() - row.removed() - row.overdue() - row.annexIII() - row.contested();
    }

    private void heading(String format, Object... args) {
        section++;
        out.println();
        out.printf("%d. " + format + "%n", prepend(args));
    }

    private Object[] prepend(Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = section;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private void table(List<String> columns, List<List<Object>> rows) {
        try (RowWriter table = OutputFormat.TABLE.open(out, columns)) {
            rows.forEach(table::row);
        }
    }

    static String label(Duration d) {
        return d.toMinutes() < 120 ? d.toMinutes() + " min" : d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    static String minutes(Optional<Duration> d) {
        return d.map(x -> x.toMinutes() < 120 ? x.toMinutes() + " min" : String.format("%.1f h", x.toMinutes() / 60.0))
                .orElse("-");
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
