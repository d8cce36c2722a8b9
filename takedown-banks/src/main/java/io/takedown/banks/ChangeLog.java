package io.takedown.banks;

import io.takedown.store.Timestamps;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bank change sequence (tables {@code bank_sequence}, {@code bank_change}). A bank-changing transaction
 * calls {@link #next} as its first statement: the counter row stays locked until the transaction ends, so
 * numbers are committed in order (PostgreSQL), and on SQLite the transaction holds the write lock from its
 * first statement instead of upgrading a read lock later (which fails rather than waits under contention).
 */
final class ChangeLog {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChangeLog() {
    }

    /** Takes the next change number for this transaction. */
    static long next(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE bank_sequence SET value = value + 1 WHERE id = 1")) {
            if (update.executeUpdate() != 1) {
                throw new SQLException("bank_sequence has no counter row");
            }
        }
        return current(connection);
    }

    /** Records what the transaction numbered {@code seq} changed. */
    static void record(Connection connection, long seq, Long bankId, String kind, int entries, String actor,
                       Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_change (seq, token, bank_id, "
                + "kind, entries, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, token());
            if (bankId == null) {
                insert.setNull(3, Types.BIGINT);
            } else {
                insert.setLong(3, bankId);
            }
            insert.setString(4, kind);
            insert.setInt(5, entries);
            insert.setString(6, actor);
            insert.setString(7, Timestamps.format(at));
            insert.executeUpdate();
        }
    }

    /** The last committed change number (0 before any change). */
    static long current(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT value FROM bank_sequence WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("bank_sequence has no counter row");
            }
            return rows.getLong(1);
        }
    }

    /** The token of change {@code seq}, empty when there is none (see {@link #genesis} for version 0). */
    static Optional<String> token(Connection connection, long seq) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT token FROM bank_change WHERE seq = ?")) {
            query.setLong(1, seq);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The token of version 0 (no change yet), created on first request, so that two databases that have
     * never changed a bank are still told apart. A write: call it in a write transaction.
     */
    static Optional<String> genesis(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_change (seq, token, bank_id, kind, "
                + "entries, actor, at) VALUES (0, ?, NULL, 'genesis', 0, 'takedown', ?) ON CONFLICT (seq) DO NOTHING")) {
            insert.setString(1, token());
            insert.setString(2, Timestamps.format(Instant.now()));
            insert.executeUpdate();
        }
        return token(connection, 0);
    }

    private static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
