package io.takedown.server.hma;

import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What HMA has and Takedown's banks do not: a content id grouping the signals of one piece of content (it is
 * the id of the content's first bank entry, so an entry added any other way is its own content), the
 * content's note, user metadata and {@code disable_until_ts}, and each bank's matching ratio. Kept in the
 * server's own tables; the entries themselves live in the banks.
 */
public final class HmaContentStore {

    /** One piece of HMA content. */
    public record Content(long id, long bankId, Optional<String> note, Optional<String> metadataJson, long disableUntilTs) {
        public boolean enabledAt(Instant now) {
            return disableUntilTs <= now.getEpochSecond();
        }
    }

    private final Database database;
    /** entry id → content id for entries grouped under another entry's id; read on every lookup. */
    private final Map<Long, Long> contentOfEntry = new ConcurrentHashMap<>();
    private final Map<Long, Content> contents = new ConcurrentHashMap<>();
    private final Map<Long, Double> ratios = new ConcurrentHashMap<>();
    /** Bank ids by name, so a look-up never touches the database; forgotten when banks are created or renamed. */
    private final Map<String, Long> bankIds = new ConcurrentHashMap<>();

    public HmaContentStore(Database database) {
        this.database = database;
        reload();
    }

    private void reload() {
        database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT entry_id, content_id FROM hma_content_entry");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    contentOfEntry.put(rows.getLong(1), rows.getLong(2));
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT content_id, bank_id, note, metadata, "
                    + "disable_until_ts FROM hma_content"); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Content content = new Content(rows.getLong(1), rows.getLong(2), Optional.ofNullable(rows.getString(3)),
                            Optional.ofNullable(rows.getString(4)), rows.getLong(5));
                    contents.put(content.id(), content);
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT bank_id, enabled_ratio FROM hma_bank");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ratios.put(rows.getLong(1), rows.getDouble(2));
                }
            }
            return null;
        });
    }

    public long contentOf(long entryId) {
        return contentOfEntry.getOrDefault(entryId, entryId);
    }

    /** The entries of a content (itself, and any grouped under it). */
    public List<Long> entriesOf(long contentId) {
        List<Long> out = new ArrayList<>();
        out.add(contentId);
        contentOfEntry.forEach((entry, content) -> {
            if (content == contentId && entry != contentId) {
                out.add(entry);
            }
        });
        return out;
    }

    public Optional<Content> content(long contentId) {
        return Optional.ofNullable(contents.get(contentId));
    }

    /** Records a content made of {@code entryIds} (the first is its id), with its note and metadata. */
    public Content create(long bankId, List<Long> entryIds, Optional<String> note, Optional<String> metadataJson) {
        long id = entryIds.getFirst();
        Content content = new Content(id, bankId, note, metadataJson, 0);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hma_content (content_id, bank_id, "
                    + "note, metadata, disable_until_ts) VALUES (?, ?, ?, ?, 0)")) {
                insert.setLong(1, id);
                insert.setLong(2, bankId);
                setText(insert, 3, note);
                setText(insert, 4, metadataJson);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO hma_content_entry (entry_id, content_id) VALUES (?, ?)")) {
                for (long entry : entryIds) {
                    insert.setLong(1, entry);
                    insert.setLong(2, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        contents.put(id, content);
        entryIds.forEach(entry -> contentOfEntry.put(entry, id));
        return content;
    }

    /** Sets the note and disable time of a content, creating its row for an entry added another way. */
    public Content update(long contentId, long bankId, Optional<String> note, long disableUntilTs) {
        Content current = contents.get(contentId);
        Content updated = new Content(contentId, bankId, note,
                current == null ? Optional.empty() : current.metadataJson(), disableUntilTs);
        database.inTransaction(connection -> {
            if (current == null) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hma_content (content_id, "
                        + "bank_id, note, metadata, disable_until_ts) VALUES (?, ?, ?, NULL, ?)")) {
                    insert.setLong(1, contentId);
                    insert.setLong(2, bankId);
                    setText(insert, 3, note);
                    insert.setLong(4, disableUntilTs);
                    insert.executeUpdate();
                }
            } else {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE hma_content SET note = ?, disable_until_ts = ? WHERE content_id = ?")) {
                    setText(update, 1, note);
                    update.setLong(2, disableUntilTs);
                    update.setLong(3, contentId);
                    update.executeUpdate();
                }
            }
            return null;
        });
        contents.put(contentId, updated);
        return updated;
    }

    public long bankId(String name, java.util.function.ToLongFunction<String> load) {
        return bankIds.computeIfAbsent(name, load::applyAsLong);
    }

    public void forgetBankNames() {
        bankIds.clear();
    }

    public double ratio(long bankId) {
        return ratios.getOrDefault(bankId, 1.0);
    }

    public void setRatio(long bankId, double ratio) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM hma_bank WHERE bank_id = ?")) {
                delete.setLong(1, bankId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO hma_bank (bank_id, enabled_ratio) VALUES (?, ?)")) {
                insert.setLong(1, bankId);
                insert.setDouble(2, ratio);
                insert.executeUpdate();
            }
            return null;
        });
        ratios.put(bankId, ratio);
    }

    /** Live entry id of {@code value} in a bank, to answer a repeated add with the existing content. */
    public Optional<Long> liveEntry(long bankId, String type, String value) {
        return database.inTransaction(connection -> liveEntry(connection, bankId, type, value));
    }

    private static Optional<Long> liveEntry(Connection connection, long bankId, String type, String value)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM bank_entry WHERE bank_id = ? "
                + "AND signal_type = ? AND signal_value = ? AND removed_at IS NULL ORDER BY id")) {
            query.setLong(1, bankId);
            query.setString(2, type);
            query.setString(3, value);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Per signal type: live entries and the time of the newest change (HMA's index status). */
    public Map<String, long[]> indexStatus() {
        return database.inTransaction(connection -> {
            Map<String, long[]> out = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT signal_type, COUNT(*), MAX(added_at) "
                    + "FROM bank_entry WHERE removed_at IS NULL AND quarantined_at IS NULL GROUP BY signal_type");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant newest = Timestamps.parse(rows.getString(3));
                    out.put(rows.getString(1), new long[] {rows.getLong(2), newest == null ? -1 : newest.getEpochSecond()});
                }
            }
            return out;
        });
    }

    private static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
