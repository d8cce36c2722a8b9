package io.takedown.banks;

import io.takedown.store.Dialect;
import io.takedown.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Inserts validated entries into one bank inside the caller's transaction. A value already live in the bank,
 * or repeated earlier in the same list, is skipped by the unique live-value index ({@code ON CONFLICT DO
 * NOTHING}) rather than looked up row by row. Every inserted row carries the transaction's change number.
 */
final class EntryInserts {

    private static final int BATCH = 5_000;
    private static final String COLUMNS = "bank_id, signal_type, signal_value, quality, source_ref, source_bank, "
            + "added_by, added_at, confidence, expires_at, changed_seq, variant, variant_of";
    private static final String CONFLICT = " ON CONFLICT (bank_id, signal_type, signal_value) WHERE removed_at IS NULL "
            + "DO NOTHING";

    private EntryInserts() {
    }

    /** Inserts in list order; element i is true when entry i was inserted, false when skipped as present. */
    static boolean[] batch(Connection connection, long bankId, long seq, EntryBatch entries, String actor,
                           Instant now, Dialect dialect) throws SQLException {
        if (dialect == Dialect.SQLITE && entries.size() >= PLAIN_MIN && entries.plain()) {
            return plainSqlite(connection, bankId, seq, entries, actor, now);
        }
        boolean[] inserted = new boolean[entries.size()];
        String at = Timestamps.format(now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_entry (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + CONFLICT)) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                int to = Math.min(entries.size(), from + BATCH);
                for (int i = from; i < to; i++) {
                    bind(insert, bankId, seq, entries, i, actor, at);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                for (int i = from; i < to; i++) {
                    int count = counts[i - from];
                    // A driver may answer SUCCESS_NO_INFO (-2) for a row it inserted; a skipped row is always 0.
                    inserted[i] = count != 0;
                }
            }
        }
        try (PreparedStatement label = connection.prepareStatement("INSERT INTO bank_entry_label (entry_id, label) "
                + "SELECT id, ? FROM bank_entry WHERE bank_id = ? AND signal_type = ? AND signal_value = ? "
                + "AND removed_at IS NULL")) {
            int pending = 0;
            for (int i = 0; i < entries.size(); i++) {
                if (!inserted[i]) {
                    continue;
                }
                for (String l : entries.labels(i)) {
                    label.setString(1, l);
                    label.setLong(2, bankId);
                    label.setString(3, entries.type(i));
                    label.setString(4, entries.value(i));
                    label.addBatch();
                    if (++pending == BATCH) {
                        label.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                label.executeBatch();
            }
        }
        return inserted;
    }

    /** Entries from which a plain batch is worth its one-row table of constants. */
    private static final int PLAIN_MIN = 64;

    /**
     * SQLite, a batch of one signal type with only values and source references (a hash list): the driver binds
     * every parameter of every row through its own call, which cost more than SQLite's insert itself; so what is
     * the same for every row (bank, type, actor, time, change number) sits once in a one-row temporary table and
     * each row binds two values. Rows and outcome are those of the general statement.
     */
    private static boolean[] plainSqlite(Connection connection, long bankId, long seq, EntryBatch entries, String actor,
                                         Instant now) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS bank_insert_constants (bank_id INTEGER, signal_type TEXT, "
                    + "added_by TEXT, added_at TEXT, changed_seq INTEGER)");
            statement.execute("DELETE FROM temp.bank_insert_constants");
        }
        try (PreparedStatement constants = connection.prepareStatement(
                "INSERT INTO temp.bank_insert_constants VALUES (?, ?, ?, ?, ?)")) {
            constants.setLong(1, bankId);
            constants.setString(2, entries.type(0));
            constants.setString(3, actor);
            constants.setString(4, Timestamps.format(now));
            constants.setLong(5, seq);
            constants.executeUpdate();
        }
        boolean[] inserted = new boolean[entries.size()];
        // "WHERE true": SQLite's grammar needs it between a SELECT and an upsert clause.
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_entry (bank_id, signal_type, "
                + "signal_value, source_ref, added_by, added_at, changed_seq) SELECT c.bank_id, c.signal_type, ?, ?, "
                + "c.added_by, c.added_at, c.changed_seq FROM temp.bank_insert_constants c WHERE true" + CONFLICT)) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                int to = Math.min(entries.size(), from + BATCH);
                for (int i = from; i < to; i++) {
                    insert.setString(1, entries.value(i));
                    insert.setString(2, entries.sourceRef(i));
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                for (int i = from; i < to; i++) {
                    inserted[i] = counts[i - from] != 0;
                }
            }
        }
        return inserted;
    }

    /**
     * The inserted entries of a {@link #batch} with their ids, read in the same transaction: every row this change
     * number stamped is one the batch inserted, and ids grow in insertion order (AUTOINCREMENT, one writer), so the
     * i-th id belongs to the i-th inserted entry. Only the ids are read, not the values.
     */
    static List<SignalChange> ids(Connection connection, long seq, EntryBatch entries, boolean[] inserted)
            throws SQLException {
        List<SignalChange> changes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM bank_entry WHERE changed_seq = ? ORDER BY id")) {
            query.setLong(1, seq);
            try (ResultSet rows = query.executeQuery()) {
                int i = -1;
                while (rows.next()) {
                    do {
                        i++;
                    } while (i < inserted.length && !inserted[i]);
                    if (i == inserted.length) {
                        throw new SQLException("change " + seq + " stamped more rows than the batch inserted");
                    }
                    changes.add(new SignalChange(rows.getLong(1), entries.type(i), entries.value(i), true));
                }
                do {
                    i++;
                } while (i < inserted.length && !inserted[i]);
                if (i != inserted.length) {
                    throw new SQLException("change " + seq + " stamped fewer rows than the batch inserted");
                }
            }
        }
        return changes;
    }

    private static void bind(PreparedStatement insert, long bankId, long seq, EntryBatch entries, int i, String actor,
                             String at) throws SQLException {
        insert.setLong(1, bankId);
        insert.setString(2, entries.type(i));
        insert.setString(3, entries.value(i));
        OptionalInt quality = entries.quality(i);
        if (quality.isPresent()) {
            insert.setInt(4, quality.getAsInt());
        } else {
            insert.setNull(4, Types.INTEGER);
        }
        insert.setString(5, entries.sourceRef(i));
        insert.setString(6, entries.sourceBank(i));
        insert.setString(7, actor);
        insert.setString(8, at);
        OptionalDouble confidence = entries.confidence(i);
        if (confidence.isPresent()) {
            insert.setDouble(9, confidence.getAsDouble());
        } else {
            insert.setNull(9, Types.REAL);
        }
        insert.setString(10, entries.expiresAt(i).map(Timestamps::format).orElse(null));
        insert.setLong(11, seq);
        Optional<Variant> variant = entries.variant(i);
        insert.setString(12, variant.map(Variant::transform).orElse(null));
        if (variant.isPresent() && variant.get().of().isPresent()) {
            insert.setLong(13, variant.get().of().getAsLong());
        } else {
            insert.setNull(13, Types.BIGINT);
        }
    }

    /**
     * PostgreSQL bulk path: the rows are streamed with COPY into a temporary table, then inserted with one
     * statement in value order (which keeps the unique index's pages warm); returns the inserted entries' signals
     * with their ids, in id order.
     */
    static List<SignalChange> copy(Connection connection, long bankId, long seq, EntryBatch entries, String actor, Instant now)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // The insert below sorts the chunk by value; give it room to do so in memory, for this transaction.
            statement.execute("SET LOCAL work_mem = '256MB'");
            statement.execute("CREATE TEMPORARY TABLE bank_import_stage (ord INTEGER, signal_type TEXT, signal_value "
                    + "TEXT, quality INTEGER, source_ref TEXT, source_bank TEXT, confidence DOUBLE PRECISION, "
                    + "expires_at TEXT, variant TEXT, variant_of BIGINT, labels TEXT) ON COMMIT DROP");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bank_import_stage FROM STDIN");
        try {
            CopyRows rows = new CopyRows(copy);
            for (int i = 0; i < entries.size(); i++) {
                OptionalInt quality = entries.quality(i);
                OptionalDouble confidence = entries.confidence(i);
                Optional<Variant> variant = entries.variant(i);
                rows.field(Integer.toString(i)).field(entries.type(i)).field(entries.value(i))
                        .field(quality.isPresent() ? Integer.toString(quality.getAsInt()) : null)
                        .field(entries.sourceRef(i)).field(entries.sourceBank(i))
                        .field(confidence.isPresent() ? Double.toString(confidence.getAsDouble()) : null)
                        .field(entries.expiresAt(i).map(Timestamps::format).orElse(null))
                        .field(variant.map(Variant::transform).orElse(null))
                        .field(variant.isPresent() && variant.get().of().isPresent()
                                ? Long.toString(variant.get().of().getAsLong()) : null)
                        .field(String.join(";", entries.labels(i))).end();
            }
            rows.flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        List<SignalChange> inserted = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_entry (" + COLUMNS + ") SELECT ?, "
                + "signal_type, signal_value, quality, source_ref, source_bank, ?, ?, confidence, expires_at, ?, variant, "
                + "variant_of FROM bank_import_stage ORDER BY signal_type, signal_value, ord" + CONFLICT
                + " RETURNING id, signal_type, signal_value")) {
            insert.setLong(1, bankId);
            insert.setString(2, actor);
            insert.setString(3, Timestamps.format(now));
            insert.setLong(4, seq);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(new SignalChange(rows.getLong(1), rows.getString(2), rows.getString(3), true));
                }
            }
        }
        inserted.sort(java.util.Comparator.comparingLong(SignalChange::entryId));
        try (PreparedStatement labels = connection.prepareStatement("INSERT INTO bank_entry_label (entry_id, label) "
                + "SELECT DISTINCT e.id, l.label FROM (SELECT DISTINCT ON (signal_type, signal_value) signal_type, "
                + "signal_value, labels FROM bank_import_stage WHERE labels <> '' ORDER BY signal_type, signal_value, ord) s "
                + "JOIN bank_entry e ON e.bank_id = ? AND e.signal_type = s.signal_type AND e.signal_value = s.signal_value "
                + "AND e.removed_at IS NULL AND e.changed_seq = ? "
                + "CROSS JOIN LATERAL unnest(string_to_array(s.labels, ';')) AS l(label) ON CONFLICT DO NOTHING")) {
            labels.setLong(1, bankId);
            labels.setLong(2, seq);
            labels.executeUpdate();
        }
        return inserted;
    }

    /** Rows in COPY's text format, written to the server in 64 KiB pieces. */
    private static final class CopyRows {
        private final CopyIn copy;
        private final StringBuilder line = new StringBuilder(256);
        private byte[] buffer = new byte[1 << 16];
        private int size;
        private boolean first = true;

        CopyRows(CopyIn copy) {
            this.copy = copy;
        }

        CopyRows field(String value) {
            if (!first) {
                line.append('\t');
            }
            first = false;
            if (value == null) {
                line.append("\\N");
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
            return this;
        }

        void end() throws SQLException {
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            line.setLength(0);
            first = true;
            if (size + bytes.length > buffer.length) {
                flush();
                if (bytes.length > buffer.length) {
                    buffer = new byte[bytes.length];
                }
            }
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void flush() throws SQLException {
            if (size > 0) {
                copy.writeToCopy(buffer, 0, size);
                size = 0;
            }
        }
    }

}
