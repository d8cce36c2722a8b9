package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.audit.AuditVerifier;
import io.takedown.operations.afteraction.AfterAction;
import io.takedown.operations.afteraction.AfterActionService;
import io.takedown.operations.afteraction.ReportHtml;
import io.takedown.operations.afteraction.ReportPdf;
import io.takedown.operations.board.Board;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.Target;
import io.takedown.orders.Impossibility;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderStatus;
import io.takedown.orders.RemovalOrder;
import io.takedown.orders.TransparencyReport;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.range.Notice;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo from H-hour on: the strike, compliance followed in range time (providers' staff record what their
 * provider did; the deadline watch escalates), the crawls at +1 h, +24 h and +7 days that measure what came
 * back ({@link Aftermath}), the report, and the audit trail.
 */
final class AfterHHour {

    /** When the board is looked at after H-hour. */
    static final List<Duration> FOLLOW = List.of(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(61),
            Duration.ofHours(3).plusMinutes(10), Duration.ofHours(6));

    private final Takedown platform;
    private final RangeClock clock;
    private final RangeServer server;
    private final DemoDirectory.People people;
    private final DemoListener listener;
    private final Path directory;

    AfterHHour(Takedown platform, RangeClock clock, RangeServer server, DemoDirectory.People people,
               DemoListener listener, Path directory) {
        this.platform = platform;
        this.clock = clock;
        this.server = server;
        this.people = people;
        this.listener = listener;
        this.directory = directory;
    }

    void run(long actionId, Instant hHour, Aftermath aftermath, List<DemoAct> acts) {
        // Orders travel over HTTPS to the range's endpoints; delivery trusts the range's authority only.
        OrderDelivery delivery = platform.orderDelivery(DeliverySettings.defaults(List.of(server.ca().certificate())));
        // The go/no-go approvals queued the procedures notices of first orders (Art. 3(2)): they go out now,
        // and the 12 hours run from their receipt, before H-hour.
        delivery.deliverPending(Integer.MAX_VALUE);
        clock.advance(Duration.between(clock.instant(), hHour));
        listener.note("H-hour " + hHour + ": every approved order goes out at once");
        StrikeReport report = platform.strike().strike(people.coordinator(), actionId, platform.dispatcher(
                DeliverySettings.defaults(List.of(server.ca().certificate())).withParallelism(256)));
        acts.add(emit(new DemoAct.Strike(report)));

        // Board looks and checkpoint crawls, in range-time order.
        java.util.TreeSet<Duration> moments = new java.util.TreeSet<>(FOLLOW);
        moments.addAll(AfterActionService.CHECKPOINTS);
        List<DemoAct.Snapshot> snapshots = new ArrayList<>();
        for (Duration after : moments) {
            clock.advance(Duration.between(clock.instant(), hHour.plus(after)));
            recordFeedback(actionId);
            platform.orders().escalateOverdue("deadline-watch");
            if (FOLLOW.contains(after)) {
                Board board = platform.boards().board(people.coordinator(), actionId);
                snapshots.add(new DemoAct.Snapshot(after, board.total()));
                listener.note(String.format("H+%s: %d removed, %d acknowledged and pending, %d overdue, %d Annex III",
                        label(after), board.total().removed(), board.total().acknowledged() - board.total().removed()
                                - board.total().overdue() - board.total().annexIII(), board.total().overdue(),
                        board.total().annexIII()));
                if (after.equals(FOLLOW.getLast())) {
                    acts.add(emit(new DemoAct.Compliance(snapshots, board)));
                }
            }
            if (AfterActionService.CHECKPOINTS.contains(after)) {
                acts.add(emit(aftermath.checkpoint(after)));
            }
        }

        AfterAction after = platform.afterAction().report(people.coordinator(), actionId, aftermath);
        Path html = directory.resolve("after-action-" + actionId + ".html");
        Path pdf = directory.resolve("after-action-" + actionId + ".pdf");
        try {
            Files.writeString(html, ReportHtml.render(after), StandardCharsets.UTF_8);
            Files.write(pdf, ReportPdf.render(after));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the after-action report to " + directory, e);
        }
        acts.add(emit(new DemoAct.AfterActionReport(after, html, pdf)));
    }

    /** The audit trail verified, and the transparency figures of the authorities that issued orders. */
    DemoAct.Audit audit(Instant hHour) {
        AuditVerifier.Report verified = AuditVerifier.verify(platform.database(), platform.signer().publicKey());
        long issued = 0;
        long inTime = 0;
        for (Actor approver : people.approvers().values()) {
            for (TransparencyReport.Line line : TransparencyReport.forYear(platform.database(), approver,
                    hHour.atZone(java.time.ZoneOffset.UTC).getYear()).lines()) {
                if (line.measure().equals("orders issued")) {
                    issued += Long.parseLong(line.value());
                } else if (line.measure().equals("executed within one hour of receipt")) {
                    inTime += Long.parseLong(line.value());
                }
            }
        }
        return new DemoAct.Audit(verified.intact(), verified.entries(), verified.checkpoints(), Long.toString(issued),
                Long.toString(inTime));
    }

    /**
     * Each provider's staff records what their provider did with the orders still open: removal (Annex II) at
     * the time the provider removed, or the Annex III answer of a provider that needs more information.
     */
    private void recordFeedback(long actionId) {
        Map<String, Notice> byUrl = new HashMap<>();
        server.notices().values().forEach(n -> byUrl.merge(n.url(), n, (a, b) -> a.receivedAt().isAfter(b.receivedAt())
                ? a : b));
        Instant now = clock.instant();
        for (Target target : platform.actionPlanning().targets(people.coordinator(), actionId)) {
            if (target.orderId().isEmpty() || target.firedAt().isEmpty()) {
                continue;
            }
            Actor staff = people.providerStaff().get(target.provider());
            RemovalOrder order = platform.orders().get(staff, target.orderId().getAsLong());
            if (order.status() != OrderStatus.SENT) {
                continue;
            }
            Notice notice = byUrl.get(target.url());
            if (notice == null) {
                continue;
            }
            switch (notice.status(now)) {
                case "removed" -> platform.orders().recordExecution(staff, order.id(), notice.dueAt().orElseThrow());
                case "clarification-needed" -> platform.orders().declareImpossible(staff, order.id(),
                        Impossibility.MISSING_INFORMATION, "the exact content description is missing (Annex III, B)");
                default -> {
                }
            }
        }
    }

    static String label(Duration d) {
        return d.toMinutes() < 120 ? d.toMinutes() + " min" : d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    private DemoAct emit(DemoAct act) {
        listener.act(act);
        return act;
    }
}
