package io.takedown.banks;

import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import io.takedown.store.Dialect;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Banks and their entries in the relational store. Every change takes the next bank change number (the store
 * version an index snapshot records), stamps the entries it touches with it, bumps the bank's version, writes a
 * {@code bank_event} and, after commit, tells the {@link BankListener}s. Nothing is ever deleted: removal and
 * quarantine are states.
 */
public final class BankStore {

    /** Entries per transaction in {@link #addBatch}: large enough that each commit writes index pages once. */
    public static final int IMPORT_CHUNK = 200_000;

    private final Database database;
    private final SignalRegistry signals;
    private final Clock clock;
    private final List<BankListener> listeners = new CopyOnWriteArrayList<>();

    public BankStore(Database database, SignalRegistry signals, Clock clock) {
        this.database = database;
        this.signals = signals;
        this.clock = clock;
    }

    public void addListener(BankListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BankListener listener) {
        listeners.remove(listener);
    }

    public SignalRegistry signals() {
        return signals;
    }

    public Database database() {
        return database;
    }

    public Bank createBank(String name, String description, boolean negative, OptionalInt pdqDistance,
                           OptionalInt textDistance, String actor) {
        String cleanName = validName(name);
        pdqDistance.ifPresent(d -> requireRange("PDQ distance", d, 0, 256));
        textDistance.ifPresent(d -> requireRange("text distance", d, 0, 100));
        Bank created = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            if (findBank(connection, cleanName).isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "bank '" + cleanName + "' already exists");
            }
            Instant now = clock.instant();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank (name, description, negative, "
                    + "pdq_distance, text_distance, version, created_at, created_by) VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
                insert.setString(1, cleanName);
                insert.setString(2, description);
                insert.setInt(3, negative ? 1 : 0);
                setOptionalInt(insert, 4, pdqDistance);
                setOptionalInt(insert, 5, textDistance);
                insert.setString(6, Timestamps.format(now));
                insert.setString(7, actor);
                insert.executeUpdate();
            }
            Bank bank = findBank(connection, cleanName).orElseThrow();
            event(connection, seq, bank.id(), null, "bank-created", negative ? "negative bank" : null, actor);
            ChangeLog.record(connection, seq, bank.id(), "bank-created", 0, actor, now);
            return bank;
        });
        listeners.forEach(listener -> listener.bankChanged(created));
        return created;
    }

    /**
     * Renames a bank; its entries, history and ids stay. It is a bank change (the matching index reloads bank
     * settings with it); listeners are told of every live entry, now under the new name.
     */
    public Bank rename(String from, String to, String actor) {
        String cleanName = validName(to);
        Bank renamed = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            Bank bank = findBank(connection, from).orElseThrow(() -> notFound(from));
            if (findBank(connection, cleanName).isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "bank '" + cleanName + "' already exists");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE bank SET name = ? WHERE id = ?")) {
                update.setString(1, cleanName);
                update.setLong(2, bank.id());
                update.executeUpdate();
            }
            event(connection, seq, bank.id(), null, "bank-renamed", from + " -> " + cleanName, actor);
            ChangeLog.record(connection, seq, bank.id(), "bank-renamed", 0, actor, clock.instant());
            return findBank(connection, cleanName).orElseThrow();
        });
        listeners.forEach(listener -> listener.bankChanged(renamed));
        List<BankEntry> moved = entries(cleanName, false);
        notify(moved, listener -> moved.forEach(listener::entryChanged));
        return renamed;
    }

    public List<Bank> banks() {
        return database.inReadTransaction(connection -> {
            List<Bank> banks = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM bank ORDER BY name");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    banks.add(bank(rows));
                }
            }
            return banks;
        });
    }

    public Bank bank(String name) {
        return database.inReadTransaction(connection -> findBank(connection, name)).orElseThrow(() -> notFound(name));
    }

    /** Live entry counts per bank name. */
    public Map<String, Integer> activeCounts() {
        return database.inReadTransaction(connection -> {
            Map<String, Integer> counts = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT b.name, COUNT(e.id) FROM bank b "
                    + "LEFT JOIN bank_entry e ON e.bank_id = b.id AND e.removed_at IS NULL AND e.quarantined_at IS NULL "
                    + "GROUP BY b.name"); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        });
    }

    /** Outcome of adding entries: what was added, and values already live in the bank (skipped). */
    public record AddResult(List<BankEntry> added, List<Signal> alreadyPresent) {
    }

    /** Adds entries in one transaction and returns them; for large files use {@link #addBatch}. */
    public AddResult add(String bankName, List<NewEntry> entries, String actor) {
        EntryBatch validated = newBatch(entries.size());
        entries.forEach(validated::add);
        AddResult result = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
            Instant now = clock.instant();
            boolean[] inserted = EntryInserts.batch(connection, bank.id(), seq, validated, actor, now,
                    database.dialect());
            List<Signal> duplicates = new ArrayList<>();
            int added = 0;
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i]) {
                    added++;
                } else {
                    duplicates.add(validated.signal(i));
                }
            }
            finishAdd(connection, seq, bank, added, actor, now, added + " entries");
            List<BankEntry> rows = added == 0 ? List.of() : EntryRows.query(connection,
                    "e.bank_id = ? AND e.changed_seq = ?", statement -> {
                        statement.setLong(1, bank.id());
                        statement.setLong(2, seq);
                    });
            return new AddResult(rows, duplicates);
        });
        notify(result.added(), listener -> result.added().forEach(listener::entryActivated));
        return result;
    }

    /**
     * What one {@link #addBatch} transaction did.
     *
     * @param seq      the change number the batch committed as
     * @param inserted the signals of the entries it inserted, with their ids, in id order: everything this change
     *                 number changed, so an index that has every change before it can apply them without reading
     *                 them back
     */
    public record BatchResult(int added, int alreadyPresent, long seq, List<SignalChange> inserted) {
        public BatchResult {
            inserted = List.copyOf(inserted);
            if (inserted.size() != added) {
                throw new IllegalArgumentException(inserted.size() + " inserted signals for " + added + " added");
            }
        }
    }

    /** An empty batch for {@link #addBatch(String, EntryBatch, String, String)}; entries are validated as added. */
    public EntryBatch newBatch(int capacity) {
        return new EntryBatch(this, capacity);
    }

    /** {@link #newBatch}, filled, then {@link #addBatch(String, EntryBatch, String, String)}. */
    public BatchResult addBatch(String bankName, List<NewEntry> entries, String actor, String detail) {
        EntryBatch batch = newBatch(entries.size());
        entries.forEach(batch::add);
        return addBatch(bankName, batch, actor, detail);
    }

    /**
     * Bulk path: inserts the entries in one transaction, sorted by value (which keeps the database's unique
     * index warm; PostgreSQL streams them with COPY), without reading them back. Listeners hear
     * {@link BankListener#entriesChanged} once.
     */
    public BatchResult addBatch(String bankName, EntryBatch batch, String actor, String detail) {
        batch.sort();
        BatchResult result = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
            Instant now = clock.instant();
            List<SignalChange> inserted;
            if (database.dialect() == Dialect.POSTGRESQL && batch.size() >= 1_000) {
                inserted = EntryInserts.copy(connection, bank.id(), seq, batch, actor, now);
            } else {
                inserted = EntryInserts.ids(connection, seq, batch,
                        EntryInserts.batch(connection, bank.id(), seq, batch, actor, now, database.dialect()));
            }
            int added = inserted.size();
            finishAdd(connection, seq, bank, added, actor, now, added + " entries" + (detail == null ? "" : " from " + detail));
            return new BatchResult(added, batch.size() - added, seq, inserted);
        });
        if (result.added() > 0) {
            listeners.forEach(listener -> listener.entriesChanged(result.seq()));
        }
        return result;
    }

    private void finishAdd(Connection connection, long seq, Bank bank, int added, String actor, Instant now,
                           String detail) throws SQLException {
        if (added > 0) {
            bumpVersion(connection, bank.id());
            event(connection, seq, bank.id(), null, "entries-added", detail, actor);
        }
        ChangeLog.record(connection, seq, bank.id(), "entries-added", added, actor, now);
    }

    public BankEntry remove(String bankName, long entryId, String actor, String reason) {
        BankEntry removed = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            BankEntry entry = entryInBank(connection, bankName, entryId);
            if (entry.state() instanceof EntryState.Removed) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "entry " + entryId + " of bank '"
                        + bankName + "' is already removed");
            }
            Instant now = clock.instant();
            try (PreparedStatement update = connection.prepareStatement("UPDATE bank_entry SET removed_at = ?, "
                    + "removed_by = ?, removed_reason = ?, changed_seq = ? WHERE id = ?")) {
                update.setString(1, Timestamps.format(now));
                update.setString(2, actor);
                update.setString(3, reason);
                update.setLong(4, seq);
                update.setLong(5, entryId);
                update.executeUpdate();
            }
            entryChanged(connection, seq, entry.bankId(), entryId, "entry-removed", reason, actor, now);
            return EntryRows.byIds(connection, List.of(entryId)).getFirst();
        });
        notify(List.of(removed), listener -> listener.entryDeactivated(removed));
        return removed;
    }

    public BankEntry label(String bankName, long entryId, Set<String> add, Set<String> remove, String actor) {
        Set<String> toAdd = canonicalLabels(add);
        Set<String> toRemove = canonicalLabels(remove);
        BankEntry changed = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            BankEntry entry = entryInBank(connection, bankName, entryId);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bank_entry_label (entry_id, label) VALUES (?, ?)");
                 PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM bank_entry_label WHERE entry_id = ? AND label = ?")) {
                for (String label : toAdd) {
                    if (!entry.labels().contains(label)) {
                        insert.setLong(1, entryId);
                        insert.setString(2, label);
                        insert.executeUpdate();
                    }
                }
                for (String label : toRemove) {
                    delete.setLong(1, entryId);
                    delete.setString(2, label);
                    delete.executeUpdate();
                }
            }
            stamp(connection, seq, entryId);
            entryChanged(connection, seq, entry.bankId(), entryId, "labels-changed", "+" + toAdd + " -" + toRemove,
                    actor, clock.instant());
            return EntryRows.byIds(connection, List.of(entryId)).getFirst();
        });
        notify(List.of(changed), listener -> listener.entryChanged(changed));
        return changed;
    }

    /** Suspends an entry from matching (the flood guard's action); it stays visible as quarantined. */
    public BankEntry quarantine(long entryId, String reason, String actor) {
        BankEntry quarantined = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            Instant now = clock.instant();
            try (PreparedStatement update = connection.prepareStatement("UPDATE bank_entry SET quarantined_at = ?, "
                    + "quarantine_reason = ?, changed_seq = ? WHERE id = ? AND removed_at IS NULL "
                    + "AND quarantined_at IS NULL")) {
                update.setString(1, Timestamps.format(now));
                update.setString(2, reason);
                update.setLong(3, seq);
                update.setLong(4, entryId);
                if (update.executeUpdate() == 0) {
                    throw new TakedownException(TakedownException.Kind.CONFLICT, "entry " + entryId
                            + " is not active, so it cannot be quarantined");
                }
            }
            BankEntry entry = EntryRows.byIds(connection, List.of(entryId)).getFirst();
            entryChanged(connection, seq, entry.bankId(), entryId, "entry-quarantined", reason, actor, now);
            return entry;
        });
        notify(List.of(quarantined), listener -> listener.entryDeactivated(quarantined));
        return quarantined;
    }

    public BankEntry release(String bankName, long entryId, String actor) {
        BankEntry released = database.inTransaction(connection -> {
            long seq = ChangeLog.next(connection);
            BankEntry entry = entryInBank(connection, bankName, entryId);
            if (!(entry.state() instanceof EntryState.Quarantined)) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "entry " + entryId + " is not quarantined");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE bank_entry SET quarantined_at = NULL, "
                    + "quarantine_reason = NULL, changed_seq = ? WHERE id = ?")) {
                update.setLong(1, seq);
                update.setLong(2, entryId);
                update.executeUpdate();
            }
            entryChanged(connection, seq, entry.bankId(), entryId, "entry-released", null, actor, clock.instant());
            return EntryRows.byIds(connection, List.of(entryId)).getFirst();
        });
        notify(List.of(released), listener -> listener.entryActivated(released));
        return released;
    }

    /** A bank's entries, oldest first; {@code all} includes removed and quarantined ones. */
    public List<BankEntry> entries(String bankName, boolean all) {
        return database.inReadTransaction(connection -> {
            Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
            return EntryRows.query(connection, "e.bank_id = ?" + (all ? "" : " AND e.removed_at IS NULL"),
                    statement -> statement.setLong(1, bank.id()));
        });
    }

    /** Every entry of every bank that may match now (active, not expired is checked by the matcher). */
    public List<BankEntry> activeEntries() {
        return database.inReadTransaction(connection -> EntryRows.query(connection,
                "e.removed_at IS NULL AND e.quarantined_at IS NULL", statement -> { }));
    }

    public BankEntry entry(long entryId) {
        List<BankEntry> found = entries(List.of(entryId));
        if (found.isEmpty()) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no bank entry " + entryId);
        }
        return found.getFirst();
    }

    /** The entries with these ids, in id order, whatever their state; unknown ids are left out. */
    public List<BankEntry> entries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return database.inReadTransaction(connection -> EntryRows.byIds(connection, ids));
    }

    /** Entries read together with the store version they were read at. */
    public record VersionedEntries(long version, List<BankEntry> entries) {
    }

    /**
     * The entries with these ids and the store version, in one read: a matcher checks its candidates and
     * whether its index is behind with a single round trip.
     */
    public VersionedEntries entriesWithVersion(Collection<Long> ids) {
        return database.inReadTransaction(connection -> {
            repeatableRead(connection);
            long version = ChangeLog.current(connection);
            return new VersionedEntries(version, ids.isEmpty() ? List.of() : EntryRows.byIds(connection, ids));
        });
    }

    // ---------------------------------------------------------------- the change feed indexes follow

    /** The store version: the last committed bank change number (0 before any change). */
    public long version() {
        return database.inReadTransaction(ChangeLog::current);
    }

    /**
     * The random token of change {@code version}, empty when this database has no such change. A snapshot
     * built at that version keeps the token; a different token means another database or a diverged restore.
     */
    public Optional<String> changeToken(long version) {
        Optional<String> token = database.inReadTransaction(connection -> ChangeLog.token(connection, version));
        if (token.isEmpty() && version == 0) {
            token = database.inTransaction(ChangeLog::genesis);
        }
        return token;
    }

    /**
     * About how many entry changes were committed after {@code after} (the sum the change records give), so
     * a catch-up can size its buffers once instead of growing them.
     */
    public long changeVolume(long after) {
        return database.inReadTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COALESCE(SUM(entries), 0) FROM bank_change WHERE seq > ?")) {
                query.setLong(1, after);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * Streams the current state of every entry changed after {@code after} and returns the version this
     * reflects: every change up to it is included, none after it. One consistent read (a repeatable-read
     * transaction on PostgreSQL, one read transaction on SQLite).
     */
    public long changesSince(long after, Consumer<SignalChange> sink) {
        return database.inReadTransaction(connection -> {
            repeatableRead(connection);
            long version = ChangeLog.current(connection);
            try (PreparedStatement query = connection.prepareStatement("SELECT id, signal_type, signal_value, "
                    + "CASE WHEN removed_at IS NULL AND quarantined_at IS NULL THEN 1 ELSE 0 END FROM bank_entry "
                    + "WHERE changed_seq > ? AND changed_seq <= ?")) {
                query.setFetchSize(10_000);
                query.setLong(1, after);
                query.setLong(2, version);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(new SignalChange(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getInt(4) == 1));
                    }
                }
            }
            return version;
        });
    }

    /** Streams every active entry's signal (a rebuild from scratch) and returns the version it reflects. */
    public long activeSignals(Consumer<SignalChange> sink) {
        return database.inReadTransaction(connection -> {
            repeatableRead(connection);
            long version = ChangeLog.current(connection);
            try (PreparedStatement query = connection.prepareStatement("SELECT id, signal_type, signal_value FROM "
                    + "bank_entry WHERE removed_at IS NULL AND quarantined_at IS NULL AND changed_seq <= ?")) {
                query.setFetchSize(10_000);
                query.setLong(1, version);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(new SignalChange(rows.getLong(1), rows.getString(2), rows.getString(3), true));
                    }
                }
            }
            return version;
        });
    }

    /** PostgreSQL: this transaction reads one snapshot (the first statement of the transaction must set it). */
    private void repeatableRead(Connection connection) throws SQLException {
        if (database.dialect() == Dialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
        }
    }

    /** A bank's history, newest last: kind, detail, actor, time, and the change number. */
    public record BankEvent(long id, Long entryId, String kind, String detail, String actor, Instant at, Long seq) {
    }

    public List<BankEvent> history(String bankName) {
        return database.inReadTransaction(connection -> {
            Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
            List<BankEvent> events = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, entry_id, kind, detail, actor, at, seq FROM bank_event WHERE bank_id = ? ORDER BY id")) {
                query.setLong(1, bank.id());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long entryId = rows.getLong(2);
                        Long entry = rows.wasNull() ? null : entryId;
                        long seq = rows.getLong(7);
                        events.add(new BankEvent(rows.getLong(1), entry, rows.getString(3), rows.getString(4),
                                rows.getString(5), Timestamps.parse(rows.getString(6)), rows.wasNull() ? null : seq));
                    }
                }
            }
            return events;
        });
    }

    /** Flood-guard memory of one entry: the current hour, its count, the smoothed baseline, the total. */
    public record MatchStat(long entryId, long hour, int hourCount, double baseline, long total) {
    }

    public List<MatchStat> matchStats() {
        return database.inReadTransaction(connection -> {
            List<MatchStat> stats = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT entry_id, hour, hour_count, baseline, total FROM match_stat");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stats.add(new MatchStat(rows.getLong(1), Long.parseLong(rows.getString(2)), rows.getInt(3),
                            rows.getDouble(4), rows.getLong(5)));
                }
            }
            return stats;
        });
    }

    public void saveMatchStats(List<MatchStat> stats) {
        if (stats.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO match_stat (entry_id, hour, "
                    + "hour_count, baseline, total) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO UPDATE SET "
                    + "hour = excluded.hour, hour_count = excluded.hour_count, baseline = excluded.baseline, "
                    + "total = excluded.total")) {
                for (MatchStat stat : stats) {
                    upsert.setLong(1, stat.entryId());
                    upsert.setString(2, Long.toString(stat.hour()));
                    upsert.setInt(3, stat.hourCount());
                    upsert.setDouble(4, stat.baseline());
                    upsert.setLong(5, stat.total());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- internals

    /** The entry in canonical form: signal value, labels; an invalid one throws, naming the problem. */
    NewEntry validate(NewEntry entry) {
        Signal signal = entry.signal();
        var type = signals.find(signal.type()).orElseThrow(() -> new InvalidInputException(null,
                "unknown signal type '" + signal.type() + "'; known: " + String.join(", ", signals.names())));
        String canonical = type.validate(signal.value());
        signal.quality().ifPresent(q -> requireRange("quality", q, 0, 100));
        entry.confidence().ifPresent(c -> {
            if (!(c >= 0 && c <= 1)) {
                throw new InvalidInputException(null, "confidence must be between 0 and 1, got " + c);
            }
        });
        return new NewEntry(new Signal(signal.type(), canonical, signal.quality()), canonicalLabels(entry.labels()),
                entry.sourceRef(), entry.sourceBank(), entry.confidence(), entry.expiresAt(), entry.variant());
    }

    private static Set<String> canonicalLabels(Set<String> labels) {
        if (labels.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String label : labels) {
            out.add(Labels.canonical(label));
        }
        return out;
    }

    private void notify(List<BankEntry> entries, Consumer<BankListener> action) {
        if (!entries.isEmpty()) {
            listeners.forEach(action);
        }
    }

    private static String validName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (!trimmed.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
            throw new InvalidInputException(null, "bank name '" + name + "' must be 1-100 letters, digits, . _ -");
        }
        return trimmed;
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(null, what + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static TakedownException notFound(String bankName) {
        return new TakedownException(TakedownException.Kind.NOT_FOUND, "no bank named '" + bankName + "'");
    }

    private static Optional<Bank> findBank(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM bank WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(bank(rows)) : Optional.empty();
            }
        }
    }

    private static Bank bank(ResultSet rows) throws SQLException {
        int pdq = rows.getInt("pdq_distance");
        OptionalInt pdqDistance = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(pdq);
        int text = rows.getInt("text_distance");
        OptionalInt textDistance = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(text);
        return new Bank(rows.getLong("id"), rows.getString("name"), rows.getString("description"),
                rows.getInt("negative") == 1, pdqDistance, textDistance, rows.getInt("version"),
                Timestamps.parse(rows.getString("created_at")), rows.getString("created_by"));
    }

    private BankEntry entryInBank(Connection connection, String bankName, long entryId) throws SQLException {
        Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
        List<BankEntry> found = EntryRows.byIds(connection, List.of(entryId));
        if (found.isEmpty() || found.getFirst().bankId() != bank.id()) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "bank '" + bankName + "' has no entry "
                    + entryId);
        }
        return found.getFirst();
    }

    private static void stamp(Connection connection, long seq, long entryId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE bank_entry SET changed_seq = ? WHERE id = ?")) {
            update.setLong(1, seq);
            update.setLong(2, entryId);
            update.executeUpdate();
        }
    }

    /** The bookkeeping of a change to one entry: bank version, event, change record. */
    private void entryChanged(Connection connection, long seq, long bankId, long entryId, String kind, String detail,
                              String actor, Instant now) throws SQLException {
        bumpVersion(connection, bankId);
        event(connection, seq, bankId, entryId, kind, detail, actor);
        ChangeLog.record(connection, seq, bankId, kind, 1, actor, now);
    }

    private static void bumpVersion(Connection connection, long bankId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE bank SET version = version + 1 WHERE id = ?")) {
            update.setLong(1, bankId);
            update.executeUpdate();
        }
    }

    private void event(Connection connection, long seq, long bankId, Long entryId, String kind, String detail,
                       String actor) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bank_event (bank_id, entry_id, kind, detail, actor, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, bankId);
            if (entryId == null) {
                insert.setNull(2, Types.BIGINT);
            } else {
                insert.setLong(2, entryId);
            }
            insert.setString(3, kind);
            insert.setString(4, detail);
            insert.setString(5, actor);
            insert.setString(6, Timestamps.format(clock.instant()));
            insert.setLong(7, seq);
            insert.executeUpdate();
        }
    }

    private static void setOptionalInt(PreparedStatement statement, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.getAsInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }
}
