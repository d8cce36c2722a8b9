package io.takedown.audit;

import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.ConsistencyProof;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.audit.tlog.TlogProof;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.Dialect;
import io.takedown.store.Timestamps;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audit trail as a transparency log. {@link #append} writes an entry inside the caller's transaction
 * (an entry exists exactly when the change it records was committed), adds its leaf to the RFC 6962 Merkle
 * tree, and signs a new checkpoint (C2SP tlog-checkpoint as a signed note) for the new size — so every
 * committed change is covered by a signed tree head, not every 50th. With {@link LogFiles}, the checkpoint
 * and the leaf hashes are also copied outside the database once the transaction commits.
 */
public final class AuditLog {

    private static final HexFormat HEX = HexFormat.of();

    private final Dialect dialect;
    private final Supplier<Signer> signer;
    private final Clock clock;
    private final Database database;
    private final LogFiles files;

    /** A log that keeps its checkpoints in the database only (tests, and callers without a data directory). */
    public AuditLog(Dialect dialect, Signer signer, Clock clock) {
        this.dialect = dialect;
        this.signer = () -> signer;
        this.clock = clock;
        this.database = null;
        this.files = null;
    }

    /**
     * A log that also publishes every committed checkpoint and leaf hash to {@code files}. The key is asked
     * for only when an entry is signed, so reading and verifying never load (or create) it.
     */
    public AuditLog(Database database, Supplier<Signer> signer, Clock clock, LogFiles files) {
        this.dialect = database.dialect();
        this.signer = signer;
        this.clock = clock;
        this.database = database;
        this.files = files;
    }

    /** The log's signing key (also the agency key until per-agency keys are configured). */
    public Signer signer() {
        return signer.get();
    }

    public Optional<LogFiles> files() {
        return Optional.ofNullable(files);
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

    /** Records one action; call within the transaction that performs it. Returns the entry's sequence number. */
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
        AuditTree tree = new AuditTree(connection);
        tree.catchUp(seq - 1);
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
        byte[] leaf = Merkle.leafHash(AuditEntry.leafData(seq, at, actor, agency, action, subject, detail));
        tree.addLeaf(seq - 1, leaf);
        Note checkpoint = writeHead(connection, tree, seq);
        if (files != null && database != null) {
            long index = seq - 1;
            database.afterCommit(() -> files.publishQuietly(checkpoint, index, leaf, this::readForPublication));
        }
        return seq;
    }

    /** Signs the checkpoint for {@code size} and stores it as the head, creating the log's origin on first use. */
    private Note writeHead(Connection connection, AuditTree tree, long size) throws SQLException {
        Optional<String> origin = origin(connection);
        String name = origin.orElseGet(AuditLog::newOrigin);
        byte[] root = tree.root(size);
        Note note = Note.sign(new Checkpoint(name, size, root).text(), signer().noteSigner(name));
        String sql = origin.isPresent()
                ? "UPDATE audit_head SET size = ?, root = ?, checkpoint = ? WHERE id = 1 AND origin = ?"
                : "INSERT INTO audit_head (size, root, checkpoint, origin, id) VALUES (?, ?, ?, ?, 1)";
        try (PreparedStatement head = connection.prepareStatement(sql)) {
            head.setLong(1, size);
            head.setString(2, HEX.formatHex(root));
            head.setString(3, note.format());
            head.setString(4, name);
            head.executeUpdate();
        }
        return note;
    }

    /** A log identity no other deployment shares (the witness keys its state by it). */
    private static String newOrigin() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return "takedown.local/audit/" + HEX.formatHex(random);
    }

    static Optional<String> origin(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT origin FROM audit_head WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }

    /** The latest signed checkpoint, as stored with the entries; empty before the first entry. */
    public static Optional<Note> head(Database database) {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT checkpoint FROM audit_head WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(Note.parse(rows.getString(1))) : Optional.empty();
            }
        });
    }

    /** The log key as a note verifier for this log's origin, e.g. for a witness to trust. */
    public NoteVerifier verifier(Database database) {
        Note head = head(database).orElseThrow(() -> new TakedownException(TakedownException.Kind.NOT_FOUND,
                "the audit log is empty: no origin yet"));
        return signer().noteVerifier(Checkpoint.of(head).origin());
    }

    /**
     * A signed checkpoint for an earlier size (the root is recomputed from the tree; signing it is consistent
     * with every checkpoint already signed, as the tree only grows).
     */
    public Note checkpointAt(Database database, long size) {
        return database.inTransaction(connection -> {
            long current = head(connection);
            if (size < 0 || size > current) {
                throw new TakedownException(TakedownException.Kind.NOT_FOUND, "the log has " + current
                        + " entries; no checkpoint at size " + size);
            }
            String origin = origin(connection).orElseThrow();
            Note latest = Note.parse(headText(connection));
            if (size == current) {
                return latest;
            }
            byte[] root = new AuditTree(connection).root(size);
            return Note.sign(new Checkpoint(origin, size, root).text(), signer().noteSigner(origin));
        });
    }

    /**
     * The C2SP tlog-proof of entry {@code seq} against {@code checkpoint} (the latest signed one when empty),
     * carrying the entry's leaf data so the proof alone shows what was recorded.
     */
    public static TlogProof prove(Database database, long seq, Optional<Note> checkpoint) {
        return database.inTransaction(connection -> {
            Note against = checkpoint.isPresent() ? checkpoint.get() : Note.parse(headText(connection));
            Checkpoint body = Checkpoint.of(against);
            if (seq < 1 || seq > body.size()) {
                throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no entry " + seq + " in the log at size "
                        + body.size());
            }
            AuditEntry entry = entry(connection, seq).orElseThrow(() -> new TakedownException(
                    TakedownException.Kind.NOT_FOUND, "no audit entry " + seq));
            List<byte[]> path = Merkle.inclusionProof(new AuditTree(connection), seq - 1, body.size());
            return new TlogProof(Optional.of(entry.leafData()), seq - 1, path, against);
        });
    }

    /** The consistency proof between the log at {@code oldSize} and at {@code newSize}, with both checkpoints. */
    public ConsistencyProof consistency(Database database, long oldSize, long newSize) {
        if (oldSize > newSize) {
            throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "old size " + oldSize
                    + " is larger than new size " + newSize);
        }
        Note older = checkpointAt(database, oldSize);
        Note newer = checkpointAt(database, newSize);
        List<byte[]> proof = database.inTransaction(connection ->
                Merkle.consistencyProof(new AuditTree(connection), oldSize, newSize));
        return new ConsistencyProof(older, proof, newer);
    }

    /** The consistency proof from {@code oldSize} to the tree of {@code newSize} leaves (for a witness). */
    public static List<byte[]> consistencyProof(Database database, long oldSize, long newSize) {
        return database.inTransaction(connection -> Merkle.consistencyProof(new AuditTree(connection), oldSize, newSize));
    }

    public static Optional<AuditEntry> entry(Connection connection, long seq) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT seq, at, actor, agency, action, subject, "
                + "detail, prev_hash, hash FROM audit_log WHERE seq = ?")) {
            query.setLong(1, seq);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AuditEntry(rows.getLong(1), Timestamps.parse(rows.getString(2)), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                        rows.getString(9)));
            }
        }
    }

    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT size FROM audit_head WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static String headText(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT checkpoint FROM audit_head WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new TakedownException(TakedownException.Kind.NOT_FOUND, "the audit log is empty");
            }
            return rows.getString(1);
        }
    }

    /** What a publication that fell behind needs: the head and the leaf hashes from {@code from} on. */
    private LogFiles.Snapshot readForPublication(long from) {
        return database.inTransaction(connection -> {
            Note note = Note.parse(headText(connection));
            long size = Checkpoint.of(note).size();
            return new LogFiles.Snapshot(note, new AuditTree(connection).leaves(from, size));
        });
    }
}
