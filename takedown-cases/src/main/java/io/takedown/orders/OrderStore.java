package io.takedown.orders;

import io.takedown.access.Handling;
import io.takedown.core.TakedownException;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order's rows, inside the caller's transaction. Every filter is a bound parameter; every change is a
 * compare-and-set on the status the caller read, so two writers racing on one order cannot both win.
 */
final class OrderStore {

    private OrderStore() {
    }

    private static final String SELECT = "SELECT o.*, a.code AS agency_code, p.code AS provider_code, "
            + "p.country AS provider_country, i.handling AS item_handling FROM removal_order o "
            + "JOIN agency a ON a.id = o.agency_id JOIN agency p ON p.id = o.provider_id "
            + "JOIN case_item i ON i.id = o.item_id";

    /** A filter with its bound values: {@code sql} uses {@code ?} for each of {@code values}. */
    record Filter(String sql, List<Object> values) {
        static Filter of(String sql, Object... values) {
            return new Filter(sql, List.of(values));
        }
    }

    static RemovalOrder load(Connection connection, long orderId) throws SQLException {
        return find(connection, orderId).orElseThrow(() -> notFound(orderId));
    }

    static Optional<RemovalOrder> find(Connection connection, long orderId) throws SQLException {
        List<RemovalOrder> found = loadAll(connection, Filter.of("o.id = ?", orderId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    static TakedownException notFound(long orderId) {
        return new TakedownException(TakedownException.Kind.NOT_FOUND, "no removal order " + orderId);
    }

    static List<RemovalOrder> loadAll(Connection connection, Filter filter) throws SQLException {
        List<RemovalOrder> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE " + filter.sql() + " ORDER BY o.id")) {
            bind(query, 1, filter.values());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(order(rows));
                }
            }
        }
        return out;
    }

    /**
     * {@code UPDATE removal_order SET assignments WHERE id = ? AND status = expected}: false when another
     * writer changed the order first.
     */
    static boolean compareAndSet(Connection connection, long orderId, OrderStatus expected, String assignments,
                                 Object... values) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE removal_order SET " + assignments + " WHERE id = ? AND status = ?")) {
            int i = bind(update, 1, java.util.Arrays.asList(values));
            update.setLong(i++, orderId);
            update.setString(i, expected.name());
            return update.executeUpdate() == 1;
        }
    }

    /** Like {@link #compareAndSet} but failing with CONFLICT when the order changed under the caller. */
    static void update(Connection connection, RemovalOrder order, String assignments, Object... values)
            throws SQLException {
        if (!compareAndSet(connection, order.id(), order.status(), assignments, values)) {
            throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + order.id()
                    + " changed while this action ran; look at it again");
        }
    }

    static void event(Connection connection, long orderId, String kind, String detail, String actor, Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO order_event (order_id, kind, detail, actor, at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, orderId);
            insert.setString(2, kind);
            insert.setString(3, detail);
            insert.setString(4, actor);
            insert.setString(5, Timestamps.format(at));
            insert.executeUpdate();
        }
    }

    static int bind(PreparedStatement statement, int first, List<Object> values) throws SQLException {
        int i = first;
        for (Object value : values) {
            switch (value) {
                case null -> statement.setNull(i, Types.NULL); // untyped: PostgreSQL infers the column type
                case Instant instant -> statement.setString(i, Timestamps.format(instant));
                case Long l -> statement.setLong(i, l);
                case Integer n -> statement.setInt(i, n);
                case Boolean b -> statement.setInt(i, b ? 1 : 0);
                case Enum<?> e -> statement.setString(i, e.name());
                default -> statement.setString(i, value.toString());
            }
            i++;
        }
        return i;
    }

    private static RemovalOrder order(ResultSet rows) throws SQLException {
        return new RemovalOrder(rows.getLong("id"), rows.getLong("item_id"), rows.getString("agency_code"),
                rows.getString("provider_code"), rows.getString("provider_country"),
                Handling.valueOf(rows.getString("item_handling")), OrderStatus.valueOf(rows.getString("status")),
                rows.getString("document"), rows.getString("language"), rows.getInt("emergency") == 1,
                rows.getInt("first_for_provider") == 1, rows.getInt("cross_border") == 1,
                rows.getString("created_by"), Timestamps.parse(rows.getString("created_at")),
                Optional.ofNullable(rows.getString("approved_by")), time(rows, "approved_at"),
                time(rows, "earliest_send_at"), time(rows, "queued_at"), time(rows, "procedures_received_at"),
                time(rows, "received_at"), time(rows, "deadline_at"), time(rows, "suspended_at"),
                Optional.ofNullable(rows.getString("impossibility")).map(Impossibility::valueOf),
                time(rows, "executed_at"), rows.getInt("executed_in_time") == 1, time(rows, "closed_at"),
                time(rows, "copy_received_at"), time(rows, "scrutiny_due_at"),
                Optional.ofNullable(rows.getString("scrutiny_outcome")), time(rows, "preserve_until"),
                time(rows, "withheld_at"), time(rows, "inform_after"), rows.getInt("withhold_extended") == 1,
                time(rows, "contested_at"), time(rows, "escalated_at"), time(rows, "suspension_flagged_at"),
                Optional.ofNullable(rows.getString("signature")));
    }

    private static Optional<Instant> time(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(Timestamps.parse(rows.getString(column)));
    }
}
