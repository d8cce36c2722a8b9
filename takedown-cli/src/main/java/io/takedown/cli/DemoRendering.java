package io.takedown.cli;

import io.takedown.app.demo.DemoAct;
import io.takedown.app.demo.DemoResult;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.infra.evaluation.MirrorFigures;
import io.takedown.infra.evaluation.ResurfacingFigures;
import io.takedown.infra.evaluation.WeakPointFigures;
import io.takedown.operations.afteraction.AfterAction;
import io.takedown.operations.afteraction.AfterActionService;
import io.takedown.operations.board.Board;
import io.takedown.operations.dispatch.StrikeReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints the demo's acts for a person, one numbered section per act, and the closing one-screen summary. */
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
            case DemoAct.RangeReady r -> heading("Range: %d fictional outlets, %d articles, %d items, %d simulated providers, "
                    + "%d registered sites (files and ground truth in %s; this operation's own store: %s).", r.outlets(),
                    r.articles(), r.items(), r.providers(), r.sites(), r.rangeDirectory(), r.runDirectory());
            case DemoAct.Bank b -> heading("Seeded bank %s: %d originals as a hash-sharing partner would supply them, %d "
                    + "signals (MD5; PDQ with its %d rotated and flipped variants; article text).", b.bank(), b.originals(),
                    b.entries(), b.variants());
            case DemoAct.Mirrors m -> mirrors(m);
            case DemoAct.Crawl c -> crawl(c);
            case DemoAct.Plan p -> plan(p);
            case DemoAct.Strike s -> strike(s.report());
            case DemoAct.Compliance c -> compliance(c);
            case DemoAct.Checkpoint c -> checkpoint(c);
            case DemoAct.AfterActionReport a -> afterAction(a);
            case DemoAct.Infrastructure i -> infrastructure(i);
            case DemoAct.Audit a -> heading("Audit trail: %s, %d entries, %d signed checkpoints; transparency %s: "
                    + "orders issued = %s, executed within one hour of receipt = %s.", a.intact() ? "intact" : "TAMPERED",
                    a.entries(), a.checkpoints(), "2026", a.ordersIssued(), a.withinHour());
            case DemoAct.Skipped s -> heading("Skipped %s: %s.", s.what(), s.why());
        }
        out.flush();
    }

    private void mirrors(DemoAct.Mirrors m) {
        heading("Mirrors (%s): %d names registered on the range observed on loopback, mirrors and decoys alike; %d "
                + "proposed; the outlets' analysts confirmed %d at confidence ≥ 0.95 (%d update hosts among them).",
                m.label(), m.observedNow(), m.proposals(), m.confirmedNow(), m.updateHostsNow());
        out.printf(Locale.ROOT, "   Against the ground truth: %d of %d mirrors confirmed, precision %.1f %%, recall %.1f %%.%n",
                m.correct(), m.trueMirrors(), 100 * m.precision(), 100 * m.recall());
        m.wrong().stream().limit(3).forEach(w -> out.println("   wrong: " + w));
        m.missed().stream().limit(3).forEach(w -> out.println("   missed: " + w));
    }

    private void crawl(DemoAct.Crawl c) {
        heading("Monitor, %s: %,d URLs fetched in %.1f s (%d failed), every fetch kept as WARC; %,d captures matched "
                + "against all banks, %,d hits became %,d case items with their evidence reference, in %d cases:",
                c.label(), c.fetched(), seconds(c.took()), c.failed(), c.matched(), c.hits(), c.caseItems(), c.cases());
        c.itemsPerAgency().forEach((agency, items) -> out.printf("   %-7s %4d items%n", agency, items));
        out.println("   Captured, against the ground truth: " + String.join("; ", c.coverage().stream()
                .map(r -> String.format(Locale.ROOT, "%s %d of %d (%.1f %%)", r.what(), r.captured(), r.total(),
                        100 * r.share())).toList()) + ".");
        out.println("   Each altered copy's capture matched against the bank (PDQ within 31 bits; a flip matches a banked "
                + "variant):");
        table(List.of("alteration", "copies", "captured", "found", "recall", "via variant", "wrong original",
                "mean distance"), c.detection().stream().map(row -> Arrays.<Object>asList(row.alteration(),
                row.copies(), row.captured(), row.found(), percent(row.recall()), row.viaVariant(), row.wrong(),
                String.format(Locale.ROOT, "%.1f", row.meanDistance()))).toList());
    }

    private void plan(DemoAct.Plan p) {
        heading("Action day #%d \"%s\", coordinated by %s, H-hour %s: %d targets from the cases at %d providers in %d "
                + "countries.", p.actionId(), p.name(), p.coordinator(), p.hHour(), p.targets(), p.providers(),
                p.countries());
        p.notTargetedWhy().forEach(why -> out.println("   Not targeted: " + why));
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
        out.printf(Locale.ROOT, "   Weak points (on %s): %d targets would cut %.1f %% of the outlets' audience:%n",
                p.suggestionSource(), p.suggestions().size(), 100 * p.suggestedShare());
        p.suggestions().forEach(s -> out.printf(Locale.ROOT, "     %d. %-34s via %-18s +%,d audience; %s%n", s.rank(),
                s.target(), s.addressee(), s.reachRemoved(), s.taken()));
    }

    private void strike(StrikeReport r) {
        heading("H-hour: %d orders fired at once, %d acknowledged by their providers, %d still queued, %d failed; "
                + "%d held back.", r.fired(), r.delivered(), r.queued(), r.failed(), r.notFiredTotal());
        out.printf(Locale.ROOT, "   Spread between first and last send %.1f ms; send latency p50 %.1f ms, p99 %.1f ms "
                + "(strike took %.2f s).%n", ms(r.spread()), ms(r.p50()), ms(r.p99()), r.elapsed().toMillis() / 1000.0);
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

    private void checkpoint(DemoAct.Checkpoint c) {
        heading("%s: the range reacted to the removals; the monitor crawled again (%,d URLs, %,d new or changed, %.1f s) "
                + "and %d executed removals are watched:", c.label(), c.fetched(), c.newItems(), seconds(c.took()),
                c.removals());
        out.printf(Locale.ROOT, "   Resurfacing: %d alerts so far, %d at a place the content really came back (precision "
                + "%.1f %%); the ground truth lists %d returns, %d found (recall %.1f %%).%n", c.alerts(),
                c.alertsRight(), 100 * c.precision(), c.returns(), c.returnsFound(), 100 * c.recall());
        out.printf("   New mirrors: %d domains registered by the outlets since H-hour (ground truth); %d confirmed as "
                + "mirrors, %d of them of the right outlet.%n", c.newDomains(), c.newMirrors(), c.newMirrorsRight());
        c.examples().forEach(e -> out.println("   e.g. " + e));
    }

    private void afterAction(DemoAct.AfterActionReport a) {
        AfterAction r = a.report();
        heading("After action: time from receipt to removal per host country, and what came back:");
        table(List.of("country", "orders received", "removed", "within 1 h", "median", "slowest"), r.byCountry().stream()
                .map(t -> Arrays.<Object>asList(t.key(), t.orders(), t.removed(), String.format(Locale.ROOT,
                        "%d (%.0f %%)", t.withinHour(), 100 * t.withinHourShare()), minutes(t.median()),
                        minutes(t.slowest()))).toList());
        for (AfterAction.Checkpoint c : r.checkpoints()) {
            out.printf("   +%-5s %3d resurfaced, %d new mirrors%s%n", AfterActionService.label(c.after()),
                    c.resurfaced().size(), c.newMirrors().size(), c.resurfaced().isEmpty() ? ""
                            : " (e.g. " + c.resurfaced().getFirst().foundAt() + ")");
        }
        out.printf("   Source: %s.%n", r.source());
        out.printf("   Report for the participating countries: %s%n                                            %s%n",
                a.html(), a.pdf());
    }

    private void infrastructure(DemoAct.Infrastructure i) {
        WeakPointFigures w = i.figures().weakPoints();
        WeakPointFigures.Row top = w.rows().getLast();
        heading("Infrastructure figures on this world against its ground truth (%.1f s):", seconds(i.took()));
        out.printf(Locale.ROOT, "   Weak points, budget %d: suggested %s, optimum %s, naive (main domains) %s.%n",
                top.budget(), InfraCommand.share(top.suggested()), top.optimum().map(InfraCommand::share).orElse("-"),
                InfraCommand.share(top.naive()));
        out.printf(Locale.ROOT, "   Resilience at +7 d after the suggested strike: %s; after the naive one: %s.%n",
                resilience(w.suggestedStrike()), resilience(w.naiveStrike()));
        MirrorFigures m = i.figures().mirrors();
        out.printf(Locale.ROOT, "   Mirror detection over all %d sites: %d true mirrors, %d proposed, precision %.1f %%, "
                + "recall %.1f %%.%n", m.sites(), m.mirrors(), m.proposals(), 100 * m.precision(), 100 * m.recall());
        ResurfacingFigures r = i.figures().resurfacing();
        out.printf(Locale.ROOT, "   Resurfacing, hourly crawls for %d removals: %d came back, %d detected (%d within one "
                + "cycle), %d false alerts.%n", r.removals(), r.resurfaced(), r.detected(), r.withinOneCycle(),
                r.falseAlerts());
    }

    void summary(DemoResult result) {
        out.println();
        out.println("Summary");
        result.act(DemoAct.Mirrors.class).ifPresent(m -> out.printf(Locale.ROOT, "  Mirrors:      %d confirmed before "
                + "the operation from observation (precision %.0f %%, recall %.0f %% of %d).%n", m.confirmedTotal(),
                100 * m.precision(), 100 * m.recall(), m.trueMirrors()));
        result.act(DemoAct.Crawl.class).ifPresent(c -> {
            String image = c.detection().stream().filter(r -> r.alteration().equals(DemoAct.DetectionRow.ALL_IMAGES))
                    .findFirst().map(r -> String.format(Locale.ROOT, "%.1f %% of %d altered images", 100 * r.recall(),
                            r.copies())).orElse("-");
            String text = c.detection().stream().filter(r -> r.alteration().equals(DemoAct.DetectionRow.TEXTS))
                    .findFirst().map(r -> String.format(Locale.ROOT, "%.1f %% of %d edited texts", 100 * r.recall(),
                            r.copies())).orElse("-");
            out.printf(Locale.ROOT, "  Crawl:        %,d URLs; %s captured; %s and %s matched their original.%n",
                    c.fetched(), String.join(", ", c.coverage().stream().map(r -> String.format(Locale.ROOT,
                            "%.0f %% of %s", 100 * r.share(), r.what().replaceAll(" \\(.*", ""))).toList()), image, text);
            out.printf("  Cases:        %,d items with WARC evidence in %d cases of %d authorities.%n", c.caseItems(),
                    c.cases(), c.itemsPerAgency().size());
        });
        result.act(DemoAct.Strike.class).ifPresent(s -> out.printf("  Strike:       %d orders out at H-hour within %.0f "
                + "ms; %d held back (deconfliction, no go).%n", s.report().fired(), ms(s.report().spread()),
                s.report().notFiredTotal()));
        result.act(DemoAct.AfterActionReport.class).ifPresent(a -> {
            Board.Row t = a.report().total();
            int inTime = a.report().byCountry().stream().mapToInt(AfterAction.RemovalTimes::withinHour).sum();
            int received = a.report().byCountry().stream().mapToInt(AfterAction.RemovalTimes::orders).sum();
            out.printf("  Compliance:   %d of %d received orders removed, %d within the hour; %d escalated, %d Annex "
                    + "III, %d never removed.%n", t.removed(), received, inTime, t.escalated(), t.annexIII(),
                    received - t.removed() - t.annexIII());
        });
        result.acts().stream().filter(DemoAct.Checkpoint.class::isInstance).map(DemoAct.Checkpoint.class::cast)
                .reduce((a, b) -> b).ifPresent(c -> {
                    out.printf(Locale.ROOT, "  Resurfacing:  by %s, %d of %d returns found by the crawls (recall %.0f %%), "
                            + "%d of %d alerts right (precision %.0f %%).%n", c.label(), c.returnsFound(), c.returns(),
                            100 * c.recall(), c.alertsRight(), c.alerts(), 100 * c.precision());
                    out.printf("  New mirrors:  %d domains registered after the strike, %d confirmed as mirrors (%d of "
                            + "the right outlet).%n", c.newDomains(), c.newMirrors(), c.newMirrorsRight());
                });
        result.act(DemoAct.Infrastructure.class).ifPresent(i -> {
            WeakPointFigures.Row top = i.figures().weakPoints().rows().getLast();
            out.printf(Locale.ROOT, "  Weak points:  %d suggested targets cut %.1f %% of the audience (optimum %s, naive "
                    + "%.1f %%).%n", top.budget(), 100 * top.suggested().share(), top.optimum()
                    .map(o -> String.format(Locale.ROOT, "%.1f %%", 100 * o.share())).orElse("not enumerated"),
                    100 * top.naive().share());
        });
        result.act(DemoAct.Audit.class).ifPresent(a -> out.printf("  Record:       audit trail %s, %d entries.%n",
                a.intact() ? "intact" : "TAMPERED", a.entries()));
        out.printf(Locale.ROOT, "  Took %.1f s.%n", result.elapsed().toMillis() / 1000.0);
    }

    private static String resilience(List<io.takedown.infra.evaluation.Resilience> strike) {
        return String.join(", ", strike.stream().map(r -> String.format(Locale.ROOT, "%s %.2f", r.outlet(), r.score()))
                .toList());
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
        out.printf(Locale.ROOT, "%d. " + format + "%n", prepend(args));
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
        return d.map(x -> x.toMinutes() < 120 ? x.toMinutes() + " min" : String.format(Locale.ROOT, "%.1f h",
                x.toMinutes() / 60.0)).orElse("-");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
