package io.takedown.operations.plan;

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
import java.util.OptionalLong;

/** Reads and writes action-day rows inside the caller's transaction; the services decide what is allowed. */
public final class ActionDays {

    private ActionDays() {
    }

    public static ActionDay load(Connection connection, long actionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT d.*, a.code AS coordinator_code "
                + "FROM action_day d JOIN agency a ON a.id = d.coordinator_id WHERE d.id = ?")) {
            query.setLong(1, actionId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no action day " + actionId);
                }
                Optional<SignedPlan> plan = Optional.ofNullable(rows.getString("plan_document"))
                        .map(document -> new SignedPlan(document, stringOrEmpty(rows, "plan_signature"),
                                stringOrEmpty(rows, "plan_key_id")));
                return new ActionDay(rows.getLong("id"), rows.getString("name"), rows.getString("coordinator_code"),
                        Timestamps.parse(rows.getString("h_hour")), ActionStatus.valueOf(rows.getString("status")),
                        rows.getString("created_by"), Timestamps.parse(rows.getString("created_at")),
                        Optional.ofNullable(rows.getString("frozen_by")), time(rows, "frozen_at"), plan,
                        time(rows, "strike_started_at"), time(rows, "struck_at"), parts(connection, actionId));
            }
        }
    }

    public static List<Long> ids(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM action_day ORDER BY id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    static List<Part> parts(Connection connection, long actionId) throws SQLException {
        List<Part> parts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.code, a.country, p.approved_by, "
                + "p.approved_at FROM action_part p JOIN agency a ON a.id = p.agency_id WHERE p.action_id = ? "
                + "ORDER BY a.code")) {
            query.setLong(1, actionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    parts.add(new Part(rows.getString(1), rows.getString(2), Optional.ofNullable(rows.getString(3)),
                            Optional.ofNullable(Timestamps.parse(rows.getString(4)))));
                }
            }
        }
        return parts;
    }

    private static final String TARGET_SELECT = "SELECT t.*, a.code AS agency_code, p.code AS provider_code, "
            + "p.country AS provider_country, i.canonical_url, i.handling FROM action_target t "
            + "JOIN agency a ON a.id = t.agency_id JOIN agency p ON p.id = t.provider_id "
            + "JOIN case_item i ON i.id = t.item_id";

    /** Every target of an action day, in the order they were added. */
    public static List<Target> targets(Connection connection, long actionId) throws SQLException {
        List<Target> targets = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(TARGET_SELECT + " WHERE t.action_id = ? ORDER BY t.id")) {
            query.setLong(1, actionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    targets.add(target(rows));
                }
            }
        }
        return targets;
    }

    private static Target target(ResultSet rows) throws SQLException {
        long order = rows.getLong("order_id");
        OptionalLong orderId = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(order);
        long referral = rows.getLong("referral_id");
        OptionalLong referralId = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(referral);
        return new Target(rows.getLong("id"), rows.getLong("action_id"), rows.getString("agency_code"),
                rows.getLong("item_id"), rows.getString("canonical_url"), Handling.valueOf(rows.getString("handling")),
                rows.getString("provider_code"), rows.getString("provider_country"),
                TargetKind.valueOf(rows.getString("kind")), orderId, referralId,
                Optional.ofNullable(rows.getString("emergency_reason")), rows.getString("source"),
                rows.getString("added_by"), Timestamps.parse(rows.getString("added_at")),
                Optional.ofNullable(rows.getString("outcome")).map(TargetOutcome::valueOf),
                Optional.ofNullable(rows.getString("outcome_reason")), time(rows, "fired_at"));
    }

    /** Records what H-hour decided for a target. */
    public static void decide(Connection connection, long targetId, TargetOutcome outcome, String reason)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE action_target SET outcome = ?, outcome_reason = ? WHERE id = ?")) {
            update.setString(1, outcome.name());
            if (reason == null) {
                update.setNull(2, Types.VARCHAR);
            } else {
                update.setString(2, reason);
            }
            update.setLong(3, targetId);
            update.executeUpdate();
        }
    }

    /** Records that a fired target was handed over at {@code at} (the provider's answer in {@code reason}). */
    public static void fired(Connection connection, long targetId, Instant at, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE action_target SET fired_at = ?, outcome_reason = ? WHERE id = ?")) {
            update.setString(1, Timestamps.format(at));
            update.setString(2, reason);
            update.setLong(3, targetId);
            update.executeUpdate();
        }
    }

    public static void setStatus(Connection connection, long actionId, ActionStatus status, String timeColumn,
                                 Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE action_day SET status = ?"
                + (timeColumn == null ? "" : ", " + timeColumn + " = ?") + " WHERE id = ?")) {
            int i = 1;
            update.setString(i++, status.name());
            if (timeColumn != null) {
                update.setString(i++, Timestamps.format(at));
            }
            update.setLong(i, actionId);
            update.executeUpdate();
        }
    }

    private static Optional<Instant> time(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(Timestamps.parse(rows.getString(column)));
    }

    private static String stringOrEmpty(ResultSet rows, String column) {
        try {
            String value = rows.getString(column);
            return value == null ? "" : value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
