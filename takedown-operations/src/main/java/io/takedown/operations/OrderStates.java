package io.takedown.operations;

import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state of an action day's removal orders, read in one query. The order workflow owns these rows; an
 * action day only reads the columns that say where each order stands and when its clocks run, so the
 * coordinator's board needs no party rights on every member state's order.
 */
public final class OrderStates {

    /** Where one order stands. */
    public record OrderState(long id, String status, boolean firstForProvider, boolean emergency,
                             Optional<Instant> earliestSendAt, Optional<Instant> receivedAt,
                             Optional<Instant> deadlineAt, Optional<Instant> suspendedAt,
                             Optional<Instant> executedAt, Optional<Instant> escalatedAt,
                             Optional<Instant> contestedAt) {

        /** Past its deadline without removal; a late Annex III answer does not undo the missed hour. */
        public boolean overdueAt(Instant now) {
            boolean lateSuspension = status.equals("SUSPENDED") && suspendedAt.isPresent()
                    && deadlineAt.map(d -> suspendedAt.get().isAfter(d)).orElse(false);
            return (status.equals("SENT") || lateSuspension) && deadlineAt.map(now::isAfter).orElse(false);
        }
    }

    private OrderStates() {
    }

    /** Every order an action day's targets refer to, by order id. */
    public static Map<Long, OrderState> ofAction(Connection connection, long actionId) throws SQLException {
        Map<Long, OrderState> states = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT o.id, o.status, o.first_for_provider, "
                + "o.emergency, o.earliest_send_at, o.received_at, o.deadline_at, o.suspended_at, o.executed_at, "
                + "o.escalated_at, o.contested_at FROM removal_order o JOIN action_target t ON t.order_id = o.id WHERE t.action_id = ?")) {
            query.setLong(1, actionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getLong(1), new OrderState(rows.getLong(1), rows.getString(2), rows.getInt(3) == 1,
                            rows.getInt(4) == 1, time(rows, 5), time(rows, 6), time(rows, 7), time(rows, 8),
                            time(rows, 9), time(rows, 10), time(rows, 11)));
                }
            }
        }
        return states;
    }

    private static Optional<Instant> time(ResultSet rows, int column) throws SQLException {
        return Optional.ofNullable(Timestamps.parse(rows.getString(column)));
    }
}
