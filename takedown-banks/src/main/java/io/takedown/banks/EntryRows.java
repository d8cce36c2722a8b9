package io.takedown.banks;

import io.takedown.signals.Signal;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/** Reads bank entries with their labels. The where clauses are fixed text; every value is a bound parameter. */
final class EntryRows {

    private static final String COLUMNS = "e.id, e.bank_id, b.name, e.signal_type, e.signal_value, e.quality, "
            + "e.source_ref, e.source_bank, e.added_by, e.added_at, e.confidence, e.expires_at, e.removed_at, "
            + "e.removed_by, e.removed_reason, e.quarantined_at, e.quarantine_reason, e.variant, e.variant_of";

    /** Binds the parameters of a where clause. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private EntryRows() {
    }

    static List<BankEntry> byIds(Connection connection, Collection<Long> ids) throws SQLException {
        List<Long> all = List.copyOf(ids);
        List<BankEntry> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> slice = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(slice.size(), "?"));
            out.addAll(query(connection, "e.id IN (" + marks + ")", statement -> {
                for (int i = 0; i < slice.size(); i++) {
                    statement.setLong(i + 1, slice.get(i));
                }
            }));
        }
        return out;
    }

    static List<BankEntry> query(Connection connection, String where, Binder binder) throws SQLException {
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
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM bank_entry e "
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
        Optional<Variant> variant = Optional.empty();
        if (rows.getString(18) != null) {
            long of = rows.getLong(19);
            variant = Optional.of(new Variant(rows.getString(18), rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(of)));
        }
        return new BankEntry(rows.getLong(1), rows.getLong(2), rows.getString(3),
                new Signal(rows.getString(4), rows.getString(5), q), labels,
                new Provenance(rows.getString(9), Timestamps.parse(rows.getString(10)),
                        Optional.ofNullable(rows.getString(7)), Optional.ofNullable(rows.getString(8))),
                c, Optional.ofNullable(Timestamps.parse(rows.getString(12))), state, variant);
    }
}
