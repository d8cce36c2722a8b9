package io.takedown.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Handling;
import io.takedown.core.TakedownException;
import io.takedown.operations.afteraction.AfterAction;
import io.takedown.operations.afteraction.ReportHtml;
import io.takedown.operations.afteraction.ReportPdf;
import io.takedown.operations.afteraction.ResurfacingSource;
import io.takedown.operations.board.Board;
import io.takedown.operations.board.TargetState;
import io.takedown.operations.deconfliction.Scope;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.ActionPlanning;
import io.takedown.operations.plan.ActionStatus;
import io.takedown.operations.plan.GoNoGo;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.orders.Impossibility;
import io.takedown.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActionDayTest {

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static final String REASONS = "synthetic range item standing in for terrorist content";

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void actionDay_planDeconflictApproveStrikeFollowReport(TestDatabases.Target db) {
        try (OperationsFixture f = new OperationsFixture(db.open())) {
            Instant hHour = f.clock.now.plus(Duration.ofHours(26));
            f.deconfliction.register(f.deApprover, Scope.DOMAIN, "watched-mirror.test", "Operation Larch: admin "
                    + "identification under way", "duty desk +49 000 0000, quote the reference", Handling.AMBER);
            long nlCase = f.caseWith(f.nlAnalyst, Handling.AMBER, "http://outlet-one.test/articles/1.html",
                    "http://outlet-one.test/articles/2.html", "http://watched-mirror.test/m/o01-a00001-c0.html");
            long deCase = f.caseWith(f.deAnalyst, Handling.AMBER, "http://outlet-two.test/articles/1.html",
                    "http://outlet-two.test/articles/2.html");
            long frCase = f.caseWith(f.frAnalyst, Handling.AMBER, "http://outlet-three.test/articles/1.html");

            ActionDay day = f.planning.create(f.coordinator, "Operation Synthetic", hHour, List.of("NL-IRU", "DE-CA",
                    "FR-CA"));
            assertThat(day.status()).isEqualTo(ActionStatus.PLANNING);
            assertThatThrownBy(() -> f.planning.create(f.nlAnalyst, "x", hHour, List.of("NL-IRU")))
                    .isInstanceOf(TakedownException.class).hasMessageContaining("not a coordinator");

            ActionPlanning.Added nl = f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase,
                    "HOST-IE", REASONS));
            assertThat(nl.targets()).hasSize(3);
            // The participant learns that a target is held and how to proceed, never who holds it or why.
            assertThat(nl.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.held()).isTrue();
                assertThat(c.contact()).contains("ask the coordinator EU-HUB").doesNotContain("DE-CA")
                        .doesNotContain("Larch").doesNotContain("duty desk");
            });
            assertThat(f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase, "HOST-IE", REASONS))
                    .skipped()).isEqualTo(3);
            f.planning.addTargets(f.deAnalyst, day.id(), TargetRequest.orders(deCase, "HOST-DE", REASONS));
            f.planning.addTargets(f.frAnalyst, day.id(), TargetRequest.orders(frCase, "HOST-NL", REASONS)
                    .emergency("imminent threat to life"));
            assertThatThrownBy(() -> f.planning.addTargets(f.deAnalyst, day.id(), TargetRequest.orders(nlCase,
                    "HOST-IE", REASONS))).hasMessageContaining("no case");

            // The coordinator sees whom to contact (AMBER), still not the owner's identity or reasons.
            Board planned = f.boards.board(f.coordinator, day.id());
            assertThat(planned.conflicts()).singleElement().satisfies(c -> assertThat(c.contact())
                    .isEqualTo("duty desk +49 000 0000, quote the reference"));
            assertThat(planned.toString()).doesNotContain("Larch").doesNotContain("DE-CA ");
            assertThat(planned.total().held()).isEqualTo(1);
            assertThat(planned.total().planned()).isEqualTo(5);

            assertThatThrownBy(() -> f.planning.freeze(f.nlAnalyst, day.id())).hasMessageContaining("not a coordinator");
            ActionDay frozen = f.planning.freeze(f.coordinator, day.id());
            assertThat(frozen.status()).isEqualTo(ActionStatus.FROZEN);
            assertThat(frozen.plan().orElseThrow().document()).contains("\"emergency\":\"imminent threat to life\"")
                    .contains("\"held\":\"DC-").doesNotContain("outlet-one.test");
            assertThat(f.planning.verifyPlan(f.coordinator, day.id())).isTrue();
            assertThat(frozen.plan().orElseThrow().keyId()).isEqualTo(f.keys.get("EU-HUB").keyId());
            assertThatThrownBy(() -> f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase,
                    "HOST-NL", REASONS))).hasMessageContaining("frozen");

            // Go/no-go: NL and DE give their go; FR does not.
            assertThatThrownBy(() -> f.goNoGo.approve(f.nlAnalyst, day.id())).hasMessageContaining("may not");
            GoNoGo.Go nlGo = f.goNoGo.approve(f.nlApprover, day.id());
            assertThat(nlGo.ordersApproved()).isEqualTo(3);
            assertThat(nlGo.warnings()).isEmpty();
            f.goNoGo.approve(f.deApprover, day.id());
            assertThatThrownBy(() -> f.goNoGo.approve(f.deApprover, day.id())).hasMessageContaining("already");
            // The approvals queued the Art. 3(2) procedures notices of first orders; they reach the providers now.
            assertThat(f.deliverPending(f.accepting()).delivered()).isEqualTo(2);

            assertThatThrownBy(() -> f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting())))
                    .hasMessageContaining("nothing fires before it");
            f.clock.now = hHour;
            StrikeReport report = f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting()));
            assertThat(report.fired()).isEqualTo(4);
            assertThat(report.delivered()).isEqualTo(4);
            assertThat(report.notFired()).containsEntry("held", 1).containsEntry("no go", 1);
            assertThat(f.delivered).extracting(d -> d[0]).containsExactlyInAnyOrder("HOST-IE", "HOST-IE", "HOST-DE",
                    "HOST-DE");
            assertThatThrownBy(() -> f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting())))
                    .hasMessageContaining("already struck");

            Board struck = f.boards.board(f.coordinator, day.id());
            assertThat(struck.total().sent()).isEqualTo(4);
            assertThat(struck.total().acknowledged()).isEqualTo(4);
            assertThat(struck.countdowns()).hasSize(4).allSatisfy(c -> assertThat(c.remaining())
                    .isEqualTo(Duration.ofHours(1)));
            assertThat(struck.held()).extracting(Board.Line::state).containsExactlyInAnyOrder(TargetState.HELD,
                    TargetState.NOT_FIRED);
            assertThat(struck.held()).anySatisfy(l -> assertThat(l.reason()).startsWith("no go: FR-CA"));
            assertThat(struck.byCountry()).extracting(Board.Row::key).containsExactly("DE", "IE", "NL");

            // Compliance: NL's provider removes within ten minutes, DE's answers Annex III for one order.
            List<Target> all = f.planning.targets(f.coordinator, day.id());
            List<Long> nlOrders = all.stream().filter(t -> t.agency().equals("NL-IRU") && t.firedAt().isPresent())
                    .map(t -> t.orderId().getAsLong()).toList();
            List<Long> deOrders = all.stream().filter(t -> t.agency().equals("DE-CA"))
                    .map(t -> t.orderId().getAsLong()).toList();
            f.clock.advance(Duration.ofMinutes(10));
            nlOrders.forEach(id -> f.orders.recordExecution(f.staff.get("HOST-IE"), id, f.clock.now));
            f.orders.declareImpossible(f.staff.get("HOST-DE"), deOrders.get(0), Impossibility.MISSING_INFORMATION,
                    "which file?");
            f.clock.advance(Duration.ofMinutes(51));
            f.orders.escalateOverdue("deadline-watch");
            Board later = f.boards.board(f.coordinator, day.id());
            assertThat(later.total().removed()).isEqualTo(2);
            assertThat(later.total().annexIII()).isEqualTo(1);
            assertThat(later.total().overdue()).isEqualTo(1);
            assertThat(later.total().escalated()).isEqualTo(1);
            assertThat(later.escalations()).singleElement().satisfies(e -> assertThat(e.provider()).isEqualTo("HOST-DE"));

            // A participant sees its own part only.
            Board deBoard = f.boards.board(f.deApprover, day.id());
            assertThat(deBoard.total().targets()).isEqualTo(2);

            f.clock.advance(Duration.ofHours(23));
            ResurfacingSource source = new FixedSource();
            AfterAction after = f.afterAction.report(f.coordinator, day.id(), source);
            assertThat(after.planVerified()).isTrue();
            assertThat(after.byProvider()).extracting(AfterAction.RemovalTimes::key).containsExactly("HOST-DE", "HOST-IE");
            assertThat(after.byProvider().get(1).withinHour()).isEqualTo(2);
            assertThat(after.byProvider().get(1).median()).hasValue(Duration.ofMinutes(10));
            assertThat(after.checkpoints()).extracting(AfterAction.Checkpoint::reached).containsExactly(true, true, false);
            assertThat(after.checkpoints().get(1).resurfaced()).hasSize(1);
            String html = ReportHtml.render(after);
            assertThat(html).contains("<svg").contains("HOST-IE").contains("fixed test source").contains("no go: FR-CA");
            byte[] pdf = ReportPdf.render(after);
            assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void freeze_refusesWhenPriorNoticeCannotRunOut_unlessEmergency(TestDatabases.Target db) {
        try (OperationsFixture f = new OperationsFixture(db.open())) {
            Instant hHour = f.clock.now.plus(Duration.ofHours(6));
            long nlCase = f.caseWith(f.nlAnalyst, Handling.GREEN, "http://outlet-one.test/articles/1.html");
            ActionDay day = f.planning.create(f.coordinator, "Short notice", hHour, List.of("NL-IRU"));
            f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase, "HOST-IE", REASONS));
            assertThatThrownBy(() -> f.planning.freeze(f.coordinator, day.id()))
                    .isInstanceOf(TakedownException.class).hasMessageContaining("Art. 3(2)");

            long urgent = f.caseWith(f.nlAnalyst, Handling.GREEN, "http://outlet-one.test/articles/2.html");
            ActionDay second = f.planning.create(f.coordinator, "Emergency", hHour, List.of("NL-IRU"));
            f.planning.addTargets(f.nlAnalyst, second.id(), TargetRequest.orders(urgent, "HOST-NL", REASONS)
                    .emergency("attack under way"));
            assertThat(f.planning.freeze(f.coordinator, second.id()).plan().orElseThrow().document())
                    .contains("\"emergency_exceptions\":1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void approve_fourEyes_whoAddedTargetsMayNotApproveThem(TestDatabases.Target db) {
        try (OperationsFixture f = new OperationsFixture(db.open())) {
            var both = f.directory.addUser(java.util.Optional.of(f.admin), "nina", "NL-IRU",
                    Set.of(io.takedown.access.Role.ANALYST, io.takedown.access.Role.APPROVER));
            long nlCase = f.caseWith(both, Handling.AMBER, "http://outlet-one.test/articles/1.html");
            ActionDay day = f.planning.create(f.coordinator, "Four eyes", f.clock.now.plus(Duration.ofHours(20)),
                    List.of("NL-IRU"));
            f.planning.addTargets(both, day.id(), TargetRequest.orders(nlCase, "HOST-IE", REASONS));
            f.planning.freeze(f.coordinator, day.id());
            assertThatThrownBy(() -> f.goNoGo.approve(both, day.id())).hasMessageContaining("four eyes");
            assertThat(f.goNoGo.approve(f.nlApprover, day.id()).ordersApproved()).isEqualTo(1);
        }
    }

    /** One resurfaced item five hours after H-hour. */
    private static final class FixedSource implements ResurfacingSource {
        @Override
        public String description() {
            return "fixed test source";
        }

        @Override
        public List<Reappearance> resurfaced(List<String> removedUrls, Instant from, Instant until) {
            Instant at = from.plus(Duration.ofHours(5));
            return at.isAfter(until) || removedUrls.isEmpty() ? List.of()
                    : List.of(new Reappearance(removedUrls.getFirst(), "http://elsewhere.test/x.html", "HOST-NL", at));
        }

        @Override
        public List<NewMirror> newMirrors(Instant from, Instant until) {
            return List.of();
        }
    }
}
