package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.audit.AuditVerifier;
import io.takedown.cases.CaseService;
import io.takedown.cases.Directory;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.core.TakedownException;
import io.takedown.orders.Impossibility;
import io.takedown.orders.OrderService;
import io.takedown.orders.RemovalOrder;
import io.takedown.orders.Transmitter;
import io.takedown.orders.TransparencyReport;
import io.takedown.range.Article;
import io.takedown.range.Notice;
import io.takedown.range.Outlet;
import io.takedown.range.Provider;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeHttpClient;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's third act: removal orders through the real workflow, in range time. A demo authority
 * drafts an order for one item on each of the outlets' domains, an approver approves and, after the
 * 12-hour prior notice a provider's first order needs, sends them signed to the simulated providers;
 * their reactions are recorded (Annex II feedback, Annex III impossibility), overdue orders escalate,
 * and the audit trail is verified.
 */
final class DemoOrders {

    private static final String AUTHORITY = "DEMO-AUTHORITY";
    private static final String ADMIN = "demo-admin";
    private static final String ANALYST = "demo-analyst";
    private static final String APPROVER = "demo-approver";

    private final World world;
    private final Takedown workspace;
    private final PrintWriter out;

    DemoOrders(World world, Takedown workspace, PrintWriter out) {
        this.world = world;
        this.workspace = workspace;
        this.out = out;
    }

    /** One URL to order removed, and where it is hosted. */
    private record Target(Outlet outlet, String url, String provider) {
    }

    void run() throws Exception {
        RangeClock clock = RangeClock.manual(Instant.parse("2026-03-02T09:00:00Z"));
        Takedown onRangeTime = workspace.withClock(clock);
        Directory directory = onRangeTime.directory();
        Optional<Actor[]> users = users(directory);
        if (users.isEmpty()) {
            out.println("   (the directory belongs to someone else: skipping orders; use a fresh --home)");
            return;
        }
        Actor analyst = users.get()[0];
        Actor approver = users.get()[1];
        CaseService cases = onRangeTime.cases();
        OrderService orders = onRangeTime.orders();
        try (RangeServer server = new RangeServer(world, clock).start()) {
            RangeHttpClient client = new RangeHttpClient(server::resolve);
            Map<String, String> rangeProviderByCode = new java.util.HashMap<>();
            for (Provider provider : world.providers()) {
                ensureProvider(directory, users.get()[2], provider);
                rangeProviderByCode.put(providerCode(provider.id()), provider.id());
            }
            // The range's ports change per run, so deliver to where each provider listens now.
            Transmitter transmitter = (provider, signed) -> "HTTP " + client.post(
                    server.noticeEndpoint(rangeProviderByCode.get(provider.code())).toString(), "application/json",
                    LegalCommands.orderNotice(signed, null)).status();
            long caseId = cases.createCase(analyst, "synthetic range seed " + world.seed(), Handling.AMBER, false).id();
            List<Target> targets = targets();
            List<Long> ids = new ArrayList<>();
            for (Target target : targets) {
                long item = cases.addItem(analyst, caseId, target.url(), Optional.of("range:" + target.url()), Map.of(),
                        List.of("entity:" + target.outlet().id()), Handling.AMBER).id();
                long order = orders.draft(analyst, item, providerCode(target.provider()), "Article 3 of Regulation (EU) "
                        + "2021/784", "synthetic range item, stands in for terrorist content", false, "en").id();
                orders.approve(approver, order);
                ids.add(order);
            }
            clock.advance(Duration.ofHours(12)); // Art. 3(2): prior notice before a provider's first order
            for (long id : ids) {
                orders.send(approver, id, transmitter);
            }
            clock.advance(Duration.ofMinutes(61)); // one minute past every deadline
            record(orders, approver, server, ids, targets, clock.instant());
            List<RemovalOrder> overdue = orders.escalateOverdue("deadline-watch");
            clock.advance(Duration.ofHours(5));
            record(orders, approver, server, ids, targets, clock.instant());
            try (RowWriter table = OutputFormat.TABLE.open(out, List.of("order", "url", "host", "behaviour", "status",
                    "removed", "within 1 h (Art. 3(3))"))) {
                for (int i = 0; i < ids.size(); i++) {
                    RemovalOrder order = orders.get(approver, ids.get(i));
                    Provider provider = world.provider(targets.get(i).provider());
                    table.row(Arrays.asList(order.id(), targets.get(i).url(), provider.name() + " (" + provider.country()
                            + ")", provider.behaviour().name().toLowerCase().replace('_', ' '), order.status().label(),
                            order.executedAt().map(at -> "+" + Duration.between(order.receivedAt().orElseThrow(), at)
                                    .toMinutes() + " min").orElse("-"), order.executedInTime() ? "yes" : "no"));
                }
            }
            out.printf("   %d order(s) overdue at the deadline were escalated.%n", overdue.size());
            var report = TransparencyReport.forYear(workspace.database(), approver, 2026);
            report.lines().stream().filter(l -> l.measure().equals("orders issued")
                    || l.measure().equals("executed within one hour of receipt"))
                    .forEach(l -> out.printf("   transparency 2026: %s = %s%n", l.measure(), l.value()));
            AuditVerifier.Report verified = AuditVerifier.verify(workspace.database(), workspace.signer().publicKey());
            out.printf("4. Audit trail: %s, %d entries, %d signed checkpoints.%n",
                    verified.intact() ? "intact" : "TAMPERED", verified.entries(), verified.checkpoints());
        }
    }

    /** Feedback for every order still sent: removed (Annex II) or the provider's Annex III answer. */
    private void record(OrderService orders, Actor approver, RangeServer server, List<Long> ids, List<Target> targets,
                        Instant now) {
        Map<String, Notice> notices = server.notices();
        for (int i = 0; i < ids.size(); i++) {
            RemovalOrder order = orders.get(approver, ids.get(i));
            if (order.status() != io.takedown.orders.OrderStatus.SENT) {
                continue;
            }
            String url = targets.get(i).url();
            Optional<Notice> notice = notices.values().stream().filter(n -> n.url().equals(url)).findFirst();
            if (notice.isEmpty()) {
                continue;
            }
            String status = notice.get().status(now);
            if (status.equals("removed")) {
                orders.recordExecution(approver, order.id(), notice.get().dueAt().orElseThrow());
            } else if (status.equals("clarification-needed")) {
                orders.declareImpossible(approver, order.id(), Impossibility.MISSING_INFORMATION,
                        "provider asks for the exact content description (Annex III, section B)");
            }
        }
    }

    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Outlet outlet : world.outlets()) {
            Article first = world.article(outlet, 0);
            targets.add(new Target(outlet, first.url(), outlet.providers().getFirst()));
            for (int d = 1; d < outlet.domains().size(); d++) {
                String domain = outlet.domains().get(d);
                world.articles().filter(a -> a.outlet() == outlet).flatMap(a -> world.copies(a).stream())
                        .filter(c -> c.domain().equals(domain)).findFirst()
                        .ifPresent(copy -> targets.add(new Target(outlet, copy.url(), copy.provider())));
            }
        }
        return targets;
    }

    private static String providerCode(String rangeProviderId) {
        return "RANGE-" + rangeProviderId.substring(rangeProviderId.lastIndexOf('-') + 1);
    }

    private static void ensureProvider(Directory directory, Actor admin, Provider provider) {
        String code = providerCode(provider.id());
        try {
            directory.agency(code);
        } catch (TakedownException missing) {
            directory.addAgency(Optional.of(admin), code, provider.name() + " (range)", provider.country(),
                    AgencyKind.PROVIDER, Optional.empty());
        }
    }

    /** {analyst, approver, admin}, created on first use; empty when the directory is someone else's. */
    private static Optional<Actor[]> users(Directory directory) {
        try {
            return Optional.of(new Actor[] {directory.actor(ANALYST), directory.actor(APPROVER), directory.actor(ADMIN)});
        } catch (TakedownException notYet) {
            try {
                directory.addAgency(Optional.empty(), AUTHORITY, "Demo competent authority (fictional)", "NL",
                        AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
                Actor admin = directory.addUser(Optional.empty(), ADMIN, AUTHORITY, Set.of(Role.ADMIN));
                Actor analyst = directory.addUser(Optional.of(admin), ANALYST, AUTHORITY, Set.of(Role.ANALYST));
                Actor approver = directory.addUser(Optional.of(admin), APPROVER, AUTHORITY,
                        Set.of(Role.APPROVER, Role.AUDITOR));
                return Optional.of(new Actor[] {analyst, approver, admin});
            } catch (TakedownException taken) {
                return Optional.empty();
            }
        }
    }
}
