package io.takedown.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Handling;
import io.takedown.operations.board.Board;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.orders.OrderStatus;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contesting an order (Art. 9) sets its {@code contested_at} flag and leaves its status alone: the board counts
 * contested orders from the flag, whether they are still running, overdue or removed.
 */
class BoardContestedTest {

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void board_contestedCount_readsTheFlagWhateverTheStatus(TestDatabases.Target db) {
        try (OperationsFixture f = new OperationsFixture(db.open())) {
            long nlCase = f.caseWith(f.nlAnalyst, Handling.AMBER, "http://outlet-one.test/articles/1.html",
                    "http://outlet-one.test/articles/2.html", "http://outlet-one.test/articles/3.html");
            ActionDay day = f.planning.create(f.coordinator, "Contested", f.clock.now.plus(Duration.ofHours(2)),
                    List.of("NL-IRU"));
            f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase, "HOST-IE", "r")
                    .emergency("attack under way"));
            f.planning.freeze(f.coordinator, day.id());
            f.goNoGo.approve(f.nlApprover, day.id());
            f.clock.now = day.hHour();
            f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting()));
            List<Long> orders = f.planning.targets(f.coordinator, day.id()).stream().map(Target::orderId)
                    .map(id -> id.getAsLong()).sorted().toList();
            var staff = f.staff.get("HOST-IE");

            // One contested and still running, one contested then removed, one untouched.
            f.orders.contest(staff, orders.get(0), "the item is journalism");
            f.orders.contest(staff, orders.get(1), "wrong URL");
            f.clock.advance(Duration.ofMinutes(5));
            f.orders.recordExecution(staff, orders.get(1), f.clock.now);
            assertThat(f.orders.get(f.nlApprover, orders.get(0)).status()).isEqualTo(OrderStatus.SENT);

            Board board = f.boards.board(f.coordinator, day.id());
            assertThat(board.total().contested()).isEqualTo(2);
            assertThat(board.total().removed()).isEqualTo(1);
            assertThat(board.total().acknowledged()).isEqualTo(3);
            assertThat(board.byProvider()).singleElement().satisfies(row -> assertThat(row.contested()).isEqualTo(2));
            // The contested order's hour still runs: it is counted down like any other.
            assertThat(board.countdowns()).extracting(Board.Countdown::orderId).contains(orders.get(0));

            // Past the hour the contested order is overdue and still contested.
            f.clock.advance(Duration.ofMinutes(56));
            Board late = f.boards.board(f.coordinator, day.id());
            assertThat(late.total().overdue()).isEqualTo(2);
            assertThat(late.total().contested()).isEqualTo(2);
            assertThat(late.byCountry()).singleElement().satisfies(row -> assertThat(row.contested()).isEqualTo(2));
        }
    }
}
