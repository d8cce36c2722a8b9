package io.takedown.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Handling;
import io.takedown.operations.board.Board;
import io.takedown.operations.dispatch.Dispatcher;
import io.takedown.operations.dispatch.Shot;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetOutcome;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.operations.plan.TargetKind;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A strike that is interrupted, or that runs twice at once (an operator starts it again while the first is
 * still sending), records every target as what really happened to it: nothing sent is marked failed, and
 * nothing is sent twice.
 */
class StrikeResumeTest {

    static List<TestDatabases.Target> databases() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void strike_resumedAfterItsReferralsWentOut_recordsThemSentNotFailed(TestDatabases.Target db) {
        try (OperationsFixture f = new OperationsFixture(db.open())) {
            ActionDay day = frozenAndApproved(f, TargetKind.REFERRAL);
            f.clock.now = day.hHour();
            // The first run sends the referrals and dies before recording what it did.
            Dispatcher dies = shots -> {
                shots.forEach(s -> f.referrals.send(s.sender(), s.documentId()));
                throw new IllegalStateException("killed");
            };
            assertThatThrownBy(() -> f.strike.strike(f.coordinator, day.id(), dies)).hasMessage("killed");

            StrikeReport resumed = f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting()));
            assertThat(resumed.failed()).isZero();
            assertThat(f.planning.targets(f.coordinator, day.id())).hasSize(2)
                    .allSatisfy(t -> assertThat(t.outcome()).hasValue(TargetOutcome.FIRED));
            assertThat(f.boards.board(f.coordinator, day.id()).total().failed()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void strike_whileAnotherRunQueuedTheSameOrders_recordsThemSentAndDeliversEachOnce(TestDatabases.Target db) {
        try (OperationsFixture f = new OperationsFixture(db.open())) {
            ActionDay day = frozenAndApproved(f, TargetKind.ORDER);
            f.clock.now = day.hHour();
            Dispatcher outbox = f.dispatcher(f.accepting());
            // Between this run's decision and its sends, a second run (same plan, same targets) queues them.
            Dispatcher raced = shots -> {
                for (Shot shot : shots) {
                    f.orders.send(shot.sender(), shot.documentId());
                }
                return outbox.fire(shots);
            };
            StrikeReport report = f.strike.strike(f.coordinator, day.id(), raced);
            assertThat(report.failed()).isZero();
            assertThat(report.delivered()).isEqualTo(2);
            Board board = f.boards.board(f.coordinator, day.id());
            assertThat(board.total().failed()).isZero();
            assertThat(board.total().acknowledged()).isEqualTo(2);
            assertThat(f.planning.targets(f.coordinator, day.id()))
                    .allSatisfy(t -> assertThat(t.outcome()).hasValue(TargetOutcome.FIRED));
            assertThat(f.delivered).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void approve_whileTheStrikeBegins_recordsNoGoThatCameTooLate(TestDatabases.Target db) {
        try (OperationsFixture f = new OperationsFixture(db.open())) {
            long nlCase = f.caseWith(f.nlAnalyst, Handling.AMBER, "http://outlet-one.test/articles/1.html");
            ActionDay day = f.planning.create(f.coordinator, "Late go", f.clock.now.plus(Duration.ofHours(20)),
                    List.of("NL-IRU"));
            f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase, "HOST-IE", "r").emergency("now"));
            f.planning.freeze(f.coordinator, day.id());
            f.clock.now = day.hHour().minusSeconds(60);
            // The approver starts a minute before H-hour; the coordinator strikes at H-hour while the go is under way.
            f.clock.beforeNextReading(() -> {
                f.clock.now = day.hHour();
                f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting()));
                f.clock.now = day.hHour().minusSeconds(60);
            });
            assertThatThrownBy(() -> f.goNoGo.approve(f.nlApprover, day.id())).hasMessageContaining("strike");
            assertThat(f.planning.get(f.coordinator, day.id()).part("NL-IRU").orElseThrow().approved()).isFalse();
            assertThat(f.boards.board(f.coordinator, day.id()).held()).singleElement()
                    .satisfies(l -> assertThat(l.reason()).startsWith("no go"));
        }
    }

    /** Two NL targets at HOST-IE (emergency orders, or referrals), frozen, with NL's go. */
    private static ActionDay frozenAndApproved(OperationsFixture f, TargetKind kind) {
        long nlCase = f.caseWith(f.nlAnalyst, Handling.AMBER, "http://outlet-one.test/articles/1.html",
                "http://outlet-one.test/articles/2.html");
        ActionDay day = f.planning.create(f.coordinator, "Resume", f.clock.now.plus(Duration.ofHours(20)),
                List.of("NL-IRU"));
        TargetRequest request = TargetRequest.orders(nlCase, "HOST-IE", "r");
        f.planning.addTargets(f.nlAnalyst, day.id(), kind == TargetKind.ORDER ? request.emergency("attack under way")
                : request.referrals());
        f.planning.freeze(f.coordinator, day.id());
        f.goNoGo.approve(f.nlApprover, day.id());
        assertThat(f.planning.targets(f.coordinator, day.id())).extracting(Target::kind).containsOnly(kind);
        return day;
    }
}
