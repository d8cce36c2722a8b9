package io.takedown.operations.deconfliction;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.cases.Directory;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.operations.ActionAccess;
import io.takedown.signals.url.UrlCanonicalizer;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registers "do not touch" entries, checks planned targets against them, and lets the owner release a held
 * target. Every change is audited; the owner's details stay with the owner.
 */
public final class Deconfliction {

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public Deconfliction(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** A user of an authority who may deconflict (analyst, approver, coordinator) registers an entry for its agency. */
    public Entry register(Actor actor, Scope scope, String value, String reason, String contact, Handling handling) {
        Policy.check(actor, Action.DECONFLICT);
        if (reason == null || reason.isBlank() || contact == null || contact.isBlank()) {
            throw new InvalidInputException(null, "an entry needs a reason (kept to your agency) and a contact point");
        }
        String normalised = normalise(scope, value);
        return database.inTransaction(connection -> {
            long agencyId = Directory.agency(connection, actor.agency()).orElseThrow().id();
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deconfliction_entry (agency_id, "
                    + "scope, value, reason, contact, handling, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "RETURNING id")) {
                insert.setLong(1, agencyId);
                insert.setString(2, scope.name());
                insert.setString(3, normalised);
                insert.setString(4, reason);
                insert.setString(5, contact);
                insert.setString(6, handling.name());
                insert.setString(7, actor.name());
                insert.setString(8, Timestamps.format(clock.instant()));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            // The audit detail names the scope only: the log is read by auditors of other agencies too.
            audit.append(connection, actor.name(), actor.agency(), "deconfliction-registered", "deconfliction:" + id,
                    scope.name().toLowerCase(Locale.ROOT) + " " + handling);
            return entry(connection, id).orElseThrow();
        });
    }

    /** The entries of the actor's own agency. */
    public List<Entry> entries(Actor actor) {
        Policy.check(actor, Action.DECONFLICT);
        return database.inTransaction(connection -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(ENTRY_SELECT + " WHERE a.code = ? ORDER BY e.id")) {
                query.setString(1, actor.agency());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(entry(rows));
                    }
                }
            }
            return out;
        });
    }

    /** The owner's approver stops protecting an entry; targets it holds stay held until released one by one. */
    public void withdraw(Actor actor, long entryId) {
        ActionAccess.requireAuthorityApprover(actor, "withdraw deconfliction entries");
        database.inTransaction(connection -> {
            Entry entry = ownEntry(connection, actor, entryId);
            if (entry.withdrawnAt().isPresent()) {
                throw ActionAccess.conflict("entry " + entryId + " is already withdrawn");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deconfliction_entry SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL")) {
                update.setString(1, Timestamps.format(clock.instant()));
                update.setLong(2, entryId);
                if (update.executeUpdate() != 1) {
                    throw ActionAccess.conflict("entry " + entryId + " was withdrawn meanwhile");
                }
            }
            audit.append(connection, actor.name(), actor.agency(), "deconfliction-withdrawn", "deconfliction:" + entryId,
                    null);
            return null;
        });
    }

    /** Hits on the actor's agency's entries: which action day wants to touch what it protects. */
    public List<Hit> hits(Actor actor) {
        Policy.check(actor, Action.DECONFLICT);
        return database.inTransaction(connection -> {
            List<Hit> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT h.id, e.id, e.value, d.id, d.name, "
                    + "c.code, d.h_hour, t.id, i.canonical_url, h.status FROM deconfliction_hit h "
                    + "JOIN deconfliction_entry e ON e.id = h.entry_id JOIN agency owner ON owner.id = e.agency_id "
                    + "JOIN action_target t ON t.id = h.target_id JOIN case_item i ON i.id = t.item_id "
                    + "JOIN action_day d ON d.id = t.action_id JOIN agency c ON c.id = d.coordinator_id "
                    + "WHERE owner.code = ? ORDER BY h.id")) {
                query.setString(1, actor.agency());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(new Hit("DC-" + rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getLong(4),
                                rows.getString(5), rows.getString(6), Timestamps.parse(rows.getString(7)), rows.getLong(8),
                                rows.getString(9), rows.getString(10).toLowerCase(Locale.ROOT)));
                    }
                }
            }
            return out;
        });
    }

    /** The owner's approver lets a held target go ahead (the investigation no longer needs it online). */
    public Hit release(Actor actor, String reference) {
        ActionAccess.requireAuthorityApprover(actor, "release held targets");
        long hitId = parseReference(reference);
        database.inTransaction(connection -> {
            long entryId;
            String status;
            try (PreparedStatement query = connection.prepareStatement("SELECT h.entry_id, h.status "
                    + "FROM deconfliction_hit h WHERE h.id = ?")) {
                query.setLong(1, hitId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no conflict " + reference);
                    }
                    entryId = rows.getLong(1);
                    status = rows.getString(2);
                }
            }
            ownEntry(connection, actor, entryId);
            if (!status.equals("HELD")) {
                throw ActionAccess.conflict("conflict " + reference + " is already " + status.toLowerCase(Locale.ROOT));
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE deconfliction_hit SET status = "
                    + "'RELEASED', decided_by = ?, decided_at = ? WHERE id = ? AND status = 'HELD'")) {
                update.setString(1, actor.name());
                update.setString(2, Timestamps.format(clock.instant()));
                update.setLong(3, hitId);
                if (update.executeUpdate() != 1) {
                    throw ActionAccess.conflict("conflict " + reference + " was decided meanwhile");
                }
            }
            audit.append(connection, actor.name(), actor.agency(), "deconfliction-released", "conflict:" + reference, null);
            return null;
        });
        return hits(actor).stream().filter(h -> h.reference().equals("DC-" + hitId)).findFirst().orElseThrow();
    }

    /**
     * The conflicts of an action day as {@code viewer} may see them. The coordinator learns whom to contact
     * for AMBER and GREEN entries; participants only for GREEN ones; for RED entries nobody but the owner
     * learns anything beyond the fact, and the owner, who sees the hit, makes contact.
     */
    public static List<Conflict> conflicts(Connection connection, Actor viewer, long actionId, String coordinator)
            throws SQLException {
        List<Conflict> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT h.id, h.target_id, h.status, e.contact, "
                + "e.handling, owner.code FROM deconfliction_hit h JOIN deconfliction_entry e ON e.id = h.entry_id "
                + "JOIN agency owner ON owner.id = e.agency_id JOIN action_target t ON t.id = h.target_id "
                + "WHERE t.action_id = ? ORDER BY h.id")) {
            query.setLong(1, actionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String reference = "DC-" + rows.getLong(1);
                    Handling handling = Handling.valueOf(rows.getString(5));
                    boolean owner = viewer.agency().equals(rows.getString(6));
                    boolean isCoordinator = viewer.agency().equals(coordinator);
                    String contact;
                    if (owner || handling == Handling.GREEN || (handling == Handling.AMBER && isCoordinator)) {
                        contact = rows.getString(4);
                    } else if (handling == Handling.AMBER) {
                        contact = "ask the coordinator " + coordinator + ", quoting " + reference;
                    } else {
                        contact = "the owner of the entry has been told and will contact " + coordinator + " about "
                                + reference;
                    }
                    out.add(new Conflict(reference, rows.getLong(2), rows.getString(3).toLowerCase(Locale.ROOT), contact));
                }
            }
        }
        return out;
    }

    /**
     * Checks one target's URL against every active entry and records a new hit for each entry it touches
     * that has none yet; call inside the transaction that adds, freezes or fires the target.
     *
     * @return the number of new hits
     */
    public static int check(Connection connection, Instant now, long targetId, String canonicalUrl) throws SQLException {
        String host = host(canonicalUrl);
        List<Long> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, scope, value FROM deconfliction_entry "
                + "WHERE withdrawn_at IS NULL AND (value = ? OR scope = 'DOMAIN')")) {
            query.setString(1, canonicalUrl);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    boolean hit = rows.getString(2).equals("URL") ? rows.getString(3).equals(canonicalUrl)
                            : host.equals(rows.getString(3)) || host.endsWith("." + rows.getString(3));
                    if (hit) {
                        entries.add(rows.getLong(1));
                    }
                }
            }
        }
        int added = 0;
        for (long entry : entries) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM deconfliction_hit WHERE entry_id = ? AND target_id = ?")) {
                exists.setLong(1, entry);
                exists.setLong(2, targetId);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deconfliction_hit (entry_id, "
                    + "target_id, status, found_at) VALUES (?, ?, 'HELD', ?)")) {
                insert.setLong(1, entry);
                insert.setLong(2, targetId);
                insert.setString(3, Timestamps.format(now));
                insert.executeUpdate();
                added++;
            }
        }
        return added;
    }

    /**
     * {@link #check} for many targets at once (target id → canonical URL): the active entries and the hits
     * already recorded are read once and new hits written in one batch, so an action day of ten thousand
     * targets is checked at H-hour in a few statements. Returns, per target held now, its lowest reference.
     */
    public static Map<Long, String> checkAll(Connection connection, Instant now, Map<Long, String> targets)
            throws SQLException {
        List<Object[]> active = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, scope, value FROM deconfliction_entry WHERE withdrawn_at IS NULL");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                active.add(new Object[] {rows.getLong(1), rows.getString(2), rows.getString(3)});
            }
        }
        Map<Long, java.util.Set<Long>> known = new java.util.HashMap<>();
        Map<Long, Long> held = new java.util.TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT target_id, entry_id, status, id FROM "
                + "deconfliction_hit"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long target = rows.getLong(1);
                if (!targets.containsKey(target)) {
                    continue;
                }
                known.computeIfAbsent(target, t -> new java.util.HashSet<>()).add(rows.getLong(2));
                if (rows.getString(3).equals("HELD")) {
                    held.merge(target, rows.getLong(4), Math::min);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deconfliction_hit (entry_id, "
                + "target_id, status, found_at) VALUES (?, ?, 'HELD', ?)")) {
            boolean any = false;
            for (Map.Entry<Long, String> target : targets.entrySet()) {
                String host = host(target.getValue());
                for (Object[] entry : active) {
                    String value = (String) entry[2];
                    boolean hit = entry[1].equals("URL") ? value.equals(target.getValue())
                            : host.equals(value) || host.endsWith("." + value);
                    if (hit && !known.getOrDefault(target.getKey(), java.util.Set.of()).contains((Long) entry[0])) {
                        insert.setLong(1, (Long) entry[0]);
                        insert.setLong(2, target.getKey());
                        insert.setString(3, Timestamps.format(now));
                        insert.addBatch();
                        any = true;
                    }
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
        if (!active.isEmpty()) {
            // New hits have fresh ids: read the holding ones again (few: only targets that hit an entry).
            held.clear();
            try (PreparedStatement query = connection.prepareStatement("SELECT target_id, MIN(id) FROM deconfliction_hit "
                    + "WHERE status = 'HELD' GROUP BY target_id"); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (targets.containsKey(rows.getLong(1))) {
                        held.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
        }
        Map<Long, String> out = new java.util.TreeMap<>();
        held.forEach((target, id) -> out.put(target, "DC-" + id));
        return out;
    }

    /** The conflict holding a target, if any (the lowest reference). */
    public static Optional<String> holding(Connection connection, long targetId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT MIN(id) FROM deconfliction_hit WHERE target_id = ? AND status = 'HELD'")) {
            query.setLong(1, targetId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long id = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of("DC-" + id);
            }
        }
    }

    static String normalise(Scope scope, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(null, "an entry needs a URL or a domain");
        }
        return switch (scope) {
            case URL -> UrlCanonicalizer.canonicalize(value.trim());
            case DOMAIN -> host(UrlCanonicalizer.canonicalize("http://" + value.trim().replaceFirst("^[a-z]+://", "")
                    .replaceFirst("/.*$", "") + "/"));
        };
    }

    private static String host(String canonicalUrl) {
        try {
            String host = URI.create(canonicalUrl).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static long parseReference(String reference) {
        try {
            return Long.parseLong(reference.trim().toUpperCase(Locale.ROOT).replaceFirst("^DC-", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(null, "a conflict reference looks like DC-12, got '" + reference + "'");
        }
    }

    private Entry ownEntry(Connection connection, Actor actor, long entryId) throws SQLException {
        Entry entry = entry(connection, entryId).orElseThrow(() -> new TakedownException(
                TakedownException.Kind.NOT_FOUND, "no deconfliction entry " + entryId));
        if (!entry.agency().equals(actor.agency())) {
            // Not "forbidden": that would confirm to another agency that the entry exists.
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no deconfliction entry " + entryId);
        }
        return entry;
    }

    private static final String ENTRY_SELECT = "SELECT e.*, a.code AS agency_code FROM deconfliction_entry e "
            + "JOIN agency a ON a.id = e.agency_id";

    private static Optional<Entry> entry(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(ENTRY_SELECT + " WHERE e.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(entry(rows)) : Optional.empty();
            }
        }
    }

    private static Entry entry(ResultSet rows) throws SQLException {
        return new Entry(rows.getLong("id"), rows.getString("agency_code"), Scope.valueOf(rows.getString("scope")),
                rows.getString("value"), rows.getString("reason"), rows.getString("contact"),
                Handling.valueOf(rows.getString("handling")), rows.getString("created_by"),
                Timestamps.parse(rows.getString("created_at")),
                Optional.ofNullable(Timestamps.parse(rows.getString("withdrawn_at"))));
    }
}
