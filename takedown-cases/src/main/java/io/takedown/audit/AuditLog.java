package io.takedown.audit;

import io.takedown.store.Dialect;
import io.takedown.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * Appends audit entries inside the caller's transaction, so an entry exists exactly when the change it
 * records was committed. Every {@value #CHECKPOINT_EVERY} entries the chain head is signed.
 */
public final class AuditLog {

    public static final int CHECKPOINT_EVERY = 50;

    private final Dialect dialect;
    private final Signer signer;
    private final Clock clock;

    public AuditLog(Dialect dialect, Signer signer, Clock clock) {
        this.dialect = dialect;
        this.signer = signer;
        this.clock = clock;
    }

    public Signer signer() {
        return signer;
    }

    /**
     * Takes the lock that serialises appends (PostgreSQL; SQLite transactions are already exclusive). A
     * transaction that will append after locking rows calls this first, so every writer takes the locks in
     * the same order (audit head, then rows) and two of them never deadlock. Idempotent within a transaction.
     */
    public void lockHead(Connection connection) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            // Concurrent writers would otherwise both extend the same head.
            try (Statement lock = connection.createStatement()) {
                lock.execute("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE");
            }
        }
    }

    /** Records one action; call within the transaction that performs it. */
    public long append(Connection connection, String actor, String agency, String action, String subject,
                       String detail) throws SQLException {
        lockHead(connection);
        long seq = 1;
        String previous = AuditEntry.GENESIS;
        try (PreparedStatement last = connection.prepareStatement(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
             ResultSet rows = last.executeQuery()) {
            if (rows.next()) {
                seq = rows.getLong(1) + 1;
                previous = rows.getString(2);
            }
        }
        String at = Timestamps.format(clock.instant());
        String hash = AuditEntry.hashOf(seq, at, actor, agency, action, subject, detail, previous);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (seq, at, actor, agency, "
                + "action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, at);
            insert.setString(3, actor);
            insert.setString(4, agency);
            insert.setString(5, action);
            insert.setString(6, subject);
            insert.setString(7, detail);
            insert.setString(8, previous);
            insert.setString(9, hash);
            insert.executeUpdate();
        }
        if (seq % CHECKPOINT_EVERY == 0) {
            checkpoint(connection, seq, at, hash);
        }
        return seq;
    }

    private void checkpoint(Connection connection, long seq, String at, String hash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_checkpoint (seq, at, hash, key_id, signature) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, at);
            insert.setString(3, hash);
            insert.setString(4, signer.keyId());
            insert.setString(5, signer.sign(checkpointBytes(seq, hash)));
            insert.executeUpdate();
        }
    }

    static byte[] checkpointBytes(long seq, String hash) {
        return ("takedown-audit-checkpoint:" + seq + ":" + hash).getBytes(StandardCharsets.UTF_8);
    }
}
