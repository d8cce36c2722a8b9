package io.takedown.banks;

import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Banks and their entries in the relational store. Every change bumps the bank's version, writes a
 * {@code bank_event} and, after commit, tells the {@link BankListener}s. Nothing is ever deleted: removal
 * and quarantine are states.
 */
public final class BankStore {

    private static final String ENTRY_COLUMNS = "e.id, e.bank_id, b.name, e.signal_type, e.signal_value, e.quality, "
            + "e.source_ref, e.source_bank, e.added_by, e.added_at, e.confidence, e.expires_at, e.removed_at, "
            + "e.removed_by, e.removed_reason, e.quarantined_at, e.quarantine_reason";

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

    public SignalRegistry signals() {
        return signals;
    }

    public Bank createBank(String name, String description, boolean negative, OptionalInt pdqDistance,
                           OptionalInt textDistance, String actor) {
        String cleanName = validName(name);
        pdqDistance.ifPresent(d -> requireRange("PDQ distance", d, 0, 256));
        textDistance.ifPresent(d -> requireRange("text distance", d, 0, 100));
        return database.inTransaction(connection -> {
            if (findBank(connection, cleanName).isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "bank '" + cleanName + "' already exists");
            }
            String now = Timestamps.format(clock.instant());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank (name, description, negative, "
                    + "pdq_distance, text_distance, version, created_at, created_by) VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
                insert.setString(1, cleanName);
                insert.setString(2, description);
                insert.setInt(3, negative ? 1 : 0);
                setOptionalInt(insert, 4, pdqDistance);
                setOptionalInt(insert, 5, textDistance);
                insert.setString(6, now);
                insert.setString(7, actor);
                insert.executeUpdate();
            }
            Bank bank = findBank(connection, cleanName).orElseThrow();
            event(connection, bank.id(), null, "bank-created", negative ? "negative bank" : null, actor);
            return bank;
        });
    }

    /**
     * Renames a bank; its entries, history and ids stay. Listeners are told of every live entry (now under
     * the new name), so matches report the new name from the next query on.
     */
    public Bank rename(String from, String to, String actor) {
        String cleanName = validName(to);
        Bank renamed = database.inTransaction(connection -> {
            Bank bank = findBank(connection, from).orElseThrow(() -> notFound(from));
            if (findBank(connection, cleanName).isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "bank '" + cleanName + "' already exists");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE bank SET name = ? WHERE id = ?")) {
                update.setString(1, cleanName);
                update.setLong(2, bank.id());
                update.executeUpdate();
            }
            event(connection, bank.id(), null, "bank-renamed", from + " -> " + cleanName, actor);
            return findBank(connection, cleanName).orElseThrow();
        });
        List<BankEntry> moved = entries(cleanName, false);
        notify(moved, listener -> moved.forEach(listener::entryChanged));
        return renamed;
    }

    public List<Bank> banks() {
        return database.inTransaction(connection -> {
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
        return database.inTransaction(connection -> findBank(connection, name)).orElseThrow(() -> notFound(name));
    }

    /** Live entry counts per bank name. */
    public Map<String, Integer> activeCounts() {
        return database.inTransaction(connection -> {
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

    public AddResult add(String bankName, List<NewEntry> entries, String actor) {
        List<NewEntry> validated = new ArrayList<>();
        for (NewEntry entry : entries) {
            validated.add(validate(entry));
        }
        AddResult result = database.inTransaction(connection -> {
            Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
            String now = Timestamps.format(clock.instant());
            List<Long> ids = new ArrayList<>();
            List<Signal> duplicates = new ArrayList<>();
            try (PreparedStatement exists = connection.prepareStatement("SELECT id FROM bank_entry WHERE bank_id = ? "
                    + "AND signal_type = ? AND signal_value = ? AND removed_at IS NULL");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_entry (bank_id, signal_type, "
                         + "signal_value, quality, source_ref, source_bank, added_by, added_at, confidence, expires_at) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
                 PreparedStatement label = connection.prepareStatement(
                         "INSERT INTO bank_entry_label (entry_id, label) VALUES (?, ?)")) {
                Set<String> seen = new java.util.HashSet<>();
                for (NewEntry entry : validated) {
                    Signal signal = entry.signal();
                    exists.setLong(1, bank.id());
                    exists.setString(2, signal.type());
                    exists.setString(3, signal.value());
                    boolean present;
                    try (ResultSet rows = exists.executeQuery()) {
                        present = rows.next();
                    }
                    if (present || !seen.add(signal.type() + ":" + signal.value())) {
                        duplicates.add(signal);
                        continue;
                    }
                    insert.setLong(1, bank.id());
                    insert.setString(2, signal.type());
                    insert.setString(3, signal.value());
                    if (signal.quality().isPresent()) {
                        insert.setInt(4, signal.quality().getAsInt());
                    } else {
                        insert.setNull(4, Types.INTEGER);
                    }
                    insert.setString(5, entry.sourceRef().orElse(null));
                    insert.setString(6, entry.sourceBank().orElse(null));
                    insert.setString(7, actor);
                    insert.setString(8, now);
                    if (entry.confidence().isPresent()) {
                        insert.setDouble(9, entry.confidence().getAsDouble());
                    } else {
                        insert.setNull(9, Types.REAL);
                    }
                    insert.setString(10, entry.expiresAt().map(Timestamps::format).orElse(null));
                    long id;
                    try (ResultSet keys = insert.executeQuery()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                    for (String l : entry.labels()) {
                        label.setLong(1, id);
                        label.setString(2, l);
                        label.addBatch();
                    }
                    ids.add(id);
                }
                label.executeBatch();
            }
            if (!ids.isEmpty()) {
                bumpVersion(connection, bank.id());
                event(connection, bank.id(), null, "entries-added", ids.size() + " entries", actor);
            }
            return new AddResult(entriesById(connection, ids), duplicates);
        });
        notify(result.added(), listener -> result.added().forEach(listener::entryActivated));
        return result;
    }

    public BankEntry remove(String bankName, long entryId, String actor, String reason) {
        BankEntry removed = database.inTransaction(connection -> {
            BankEntry entry = entryInBank(connection, bankName, entryId);
            if (entry.state() instanceof EntryState.Removed) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "entry " + entryId + " of bank '"
                        + bankName + "' is already removed");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE bank_entry SET removed_at = ?, "
                    + "removed_by = ?, removed_reason = ? WHERE id = ?")) {
                update.setString(1, Timestamps.format(clock.instant()));
                update.setString(2, actor);
                update.setString(3, reason);
                update.setLong(4, entryId);
                update.executeUpdate();
            }
            bumpVersion(connection, entry.bankId());
            event(connection, entry.bankId(), entryId, "entry-removed", reason, actor);
            return entriesById(connection, List.of(entryId)).getFirst();
        });
        notify(List.of(removed), listener -> listener.entryDeactivated(removed));
        return removed;
    }

    public BankEntry label(String bankName, long entryId, Set<String> add, Set<String> remove, String actor) {
        Set<String> toAdd = canonicalLabels(add);
        Set<String> toRemove = canonicalLabels(remove);
        BankEntry changed = database.inTransaction(connection -> {
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
            bumpVersion(connection, entry.bankId());
            event(connection, entry.bankId(), entryId, "labels-changed", "+" + toAdd + " -" + toRemove, actor);
            return entriesById(connection, List.of(entryId)).getFirst();
        });
        notify(List.of(changed), listener -> listener.entryChanged(changed));
        return changed;
    }

    /** Suspends an entry from matching (the flood guard's action); it stays visible as quarantined. */
    public BankEntry quarantine(long entryId, String reason, String actor) {
        BankEntry quarantined = database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bank_entry SET quarantined_at = ?, "
                    + "quarantine_reason = ? WHERE id = ? AND removed_at IS NULL AND quarantined_at IS NULL")) {
                update.setString(1, Timestamps.format(clock.instant()));
                update.setString(2, reason);
                update.setLong(3, entryId);
                if (update.executeUpdate() == 0) {
                    throw new TakedownException(TakedownException.Kind.CONFLICT, "entry " + entryId
                            + " is not active, so it cannot be quarantined");
                }
            }
            BankEntry entry = entriesById(connection, List.of(entryId)).getFirst();
            bumpVersion(connection, entry.bankId());
            event(connection, entry.bankId(), entryId, "entry-quarantined", reason, actor);
            return entry;
        });
        notify(List.of(quarantined), listener -> listener.entryDeactivated(quarantined));
        return quarantined;
    }

    public BankEntry release(String bankName, long entryId, String actor) {
        BankEntry released = database.inTransaction(connection -> {
            BankEntry entry = entryInBank(connection, bankName, entryId);
            if (!(entry.state() instanceof EntryState.Quarantined)) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "entry " + entryId + " is not quarantined");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bank_entry SET quarantined_at = NULL, quarantine_reason = NULL WHERE id = ?")) {
                update.setLong(1, entryId);
                update.executeUpdate();
            }
            bumpVersion(connection, entry.bankId());
            event(connection, entry.bankId(), entryId, "entry-released", null, actor);
            return entriesById(connection, List.of(entryId)).getFirst();
        });
        notify(List.of(released), listener -> listener.entryActivated(released));
        return released;
    }

    /** A bank's entries, oldest first; {@code all} includes removed and quarantined ones. */
    public List<BankEntry> entries(String bankName, boolean all) {
        return database.inTransaction(connection -> {
            Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
            return queryEntries(connection, "e.bank_id = ?" + (all ? "" : " AND e.removed_at IS NULL"),
                    statement -> statement.setLong(1, bank.id()));
        });
    }

    /** Every entry of every bank that may match now (active, not expired is checked by the matcher). */
    public List<BankEntry> activeEntries() {
        return database.inTransaction(connection -> queryEntries(connection,
                "e.removed_at IS NULL AND e.quarantined_at IS NULL", statement -> { }));
    }

    public BankEntry entry(long entryId) {
        return database.inTransaction(connection -> {
            List<BankEntry> found = entriesById(connection, List.of(entryId));
            if (found.isEmpty()) {
                throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no bank entry " + entryId);
            }
            return found.getFirst();
        });
    }

    /** A bank's history, newest last: kind, detail, actor, time. */
    public record BankEvent(long id, Long entryId, String kind, String detail, String actor, Instant at) {
    }

    public List<BankEvent> history(String bankName) {
        return database.inTransaction(connection -> {
            Bank bank = findBank(connection, bankName).orElseThrow(() -> notFound(bankName));
            List<BankEvent> events = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, entry_id, kind, detail, actor, at FROM bank_event WHERE bank_id = ? ORDER BY id")) {
                query.setLong(1, bank.id());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long entryId = rows.getLong(2);
                        events.add(new BankEvent(rows.getLong(1), rows.wasNull() ? null : entryId, rows.getString(3),
                                rows.getString(4), rows.getString(5), Timestamps.parse(rows.getString(6))));
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
        return database.inTransaction(connection -> {
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

    private NewEntry validate(NewEntry entry) {
        Signal signal = entry.signal();
        var type = signals.find(signal.type()).orElseThrow(() -> new InvalidInputException(null,
                "unknown signal type '" + signal.type() + "'; known: " + String.join(", ", signals.names())));
        String canonical = type.validate(signal.value());
        entry.confidence().ifPresent(c -> {
            if (!(c >= 0 && c <= 1)) {
                throw new InvalidInputException(null, "confidence must be between 0 and 1, got " + c);
            }
        });
        return new NewEntry(new Signal(signal.type(), canonical, signal.quality()), canonicalLabels(entry.labels()),
                entry.sourceRef(), entry.sourceBank(), entry.confidence(), entry.expiresAt());
    }

    private static Set<String> canonicalLabels(Set<String> labels) {
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
        List<BankEntry> found = entriesById(connection, List.of(entryId));
        if (found.isEmpty() || found.getFirst().bankId() != bank.id()) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "bank '" + bankName + "' has no entry "
                    + entryId);
        }
        return found.getFirst();
    }

    private List<BankEntry> entriesById(Connection connection, List<Long> ids) throws SQLException {
        List<BankEntry> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(slice.size(), "?"));
            out.addAll(queryEntries(connection, "e.id IN (" + marks + ")", statement -> {
                for (int i = 0; i < slice.size(); i++) {
                    statement.setLong(i + 1, slice.get(i));
                }
            }));
        }
        return out;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<BankEntry> queryEntries(Connection connection, String where, Binder binder) throws SQLException {
        Map<Long, SortedSet<String>> labels = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT l.entry_id, l.label FROM bank_entry_label l "
                + "JOIN bank_entry e ON e.id = l.entry_id JOIN bank b ON b.id = e.bank_id WHERE " + where)) {
            binder.bind(query);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    labels.computeIfAbsent(rows.getLong(1), id -> new TreeSet<>()).add(rows.getString(2));
                }
            }
        }
        List<BankEntry> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM bank_entry e "
                + "JOIN bank b ON b.id = e.bank_id WHERE " + where + " ORDER BY e.id")) {
            binder.bind(query);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(entry(rows, labels.getOrDefault(rows.getLong(1), new TreeSet<>())));
                }
            }
        }
        return entries;
    }

    private static BankEntry entry(ResultSet rows, SortedSet<String> labels) throws SQLException {
        int quality = rows.getInt(6);
        OptionalInt q = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(quality);
        double confidence = rows.getDouble(11);
        OptionalDouble c = rows.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(confidence);
        EntryState state;
        if (rows.getString(13) != null) {
            state = new EntryState.Removed(Timestamps.parse(rows.getString(13)), rows.getString(14), rows.getString(15));
        } else if (rows.getString(16) != null) {
            state = new EntryState.Quarantined(Timestamps.parse(rows.getString(16)), rows.getString(17));
        } else {
            state = new EntryState.Active();
        }
        return new BankEntry(rows.getLong(1), rows.getLong(2), rows.getString(3),
                new Signal(rows.getString(4), rows.getString(5), q), labels,
                new Provenance(rows.getString(9), Timestamps.parse(rows.getString(10)),
                        Optional.ofNullable(rows.getString(7)), Optional.ofNullable(rows.getString(8))),
                c, Optional.ofNullable(Timestamps.parse(rows.getString(12))), state);
    }

    private static void bumpVersion(Connection connection, long bankId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE bank SET version = version + 1 WHERE id = ?")) {
            update.setLong(1, bankId);
            update.executeUpdate();
        }
    }

    private void event(Connection connection, long bankId, Long entryId, String kind, String detail, String actor)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bank_event (bank_id, entry_id, kind, detail, actor, at) VALUES (?, ?, ?, ?, ?, ?)")) {
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
