package io.takedown.infra.mirrors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mirror proposals kept in the store, and the analyst's decision on each. Recording proposals again
 * refreshes the evidence of open ones and never reopens a decided one. Confirming or rejecting is an
 * analyst's curation, allowed to whoever may add items to cases ({@link Action#ADD_ITEM}), and writes an
 * audit entry in the same transaction.
 */
public final class MirrorReview {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    /** What the analyst decided. */
    public enum Status {
        PROPOSED, CONFIRMED, REJECTED
    }

    /** A stored proposal. */
    public record Stored(long id, MirrorProposal proposal, Status status, Instant proposedAt, Optional<String> decidedBy,
                         Optional<Instant> decidedAt, Optional<String> note) {
    }

    public MirrorReview(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** Stores new proposals and refreshes open ones; returns how many were new. */
    public int record(List<MirrorProposal> proposals) {
        String now = Timestamps.format(clock.instant());
        return database.inTransaction(connection -> {
            int added = 0;
            for (MirrorProposal p : proposals) {
                String evidence = json(p.evidence());
                try (PreparedStatement update = connection.prepareStatement("UPDATE infra_mirror_proposal SET confidence = ?, "
                        + "score = ?, evidence = ?, updated_at = ? WHERE host = ? AND outlet = ? AND status = 'PROPOSED'")) {
                    update.setDouble(1, p.confidence());
                    update.setDouble(2, p.score());
                    update.setString(3, evidence);
                    update.setString(4, now);
                    update.setString(5, p.host());
                    update.setString(6, p.outlet());
                    if (update.executeUpdate() > 0 || exists(connection, p.host(), p.outlet())) {
                        continue;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO infra_mirror_proposal (host, outlet, "
                        + "confidence, score, evidence, status, proposed_at, updated_at) VALUES (?, ?, ?, ?, ?, 'PROPOSED', ?, ?)")) {
                    insert.setString(1, p.host());
                    insert.setString(2, p.outlet());
                    insert.setDouble(3, p.confidence());
                    insert.setDouble(4, p.score());
                    insert.setString(5, evidence);
                    insert.setString(6, now);
                    insert.setString(7, now);
                    insert.executeUpdate();
                    added++;
                }
            }
            return added;
        });
    }

    private static boolean exists(Connection connection, String host, String outlet) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM infra_mirror_proposal WHERE host = ? AND outlet = ?")) {
            query.setString(1, host);
            query.setString(2, outlet);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public List<Stored> list(Optional<Status> status) {
        return database.inTransaction(connection -> {
            String sql = "SELECT * FROM infra_mirror_proposal" + (status.isPresent() ? " WHERE status = ?" : "")
                    + " ORDER BY confidence DESC, host";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (status.isPresent()) {
                    query.setString(1, status.get().name());
                }
                List<Stored> out = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(read(rows));
                    }
                }
                return out;
            }
        });
    }

    public Stored get(long id) {
        return database.inTransaction(connection -> load(connection, id));
    }

    /** The confirmed mirrors, as sites known to their outlets. */
    public List<MirrorDetector.KnownSite> confirmed() {
        return list(Optional.of(Status.CONFIRMED)).stream()
                .map(s -> new MirrorDetector.KnownSite(s.proposal().host(), s.proposal().outlet())).toList();
    }

    public Stored confirm(Actor actor, long id, String note) {
        return decide(actor, id, Status.CONFIRMED, note);
    }

    public Stored reject(Actor actor, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "a rejection needs a reason");
        }
        return decide(actor, id, Status.REJECTED, reason);
    }

    private Stored decide(Actor actor, long id, Status status, String note) {
        Policy.check(actor, Action.ADD_ITEM);
        return database.inTransaction(connection -> {
            Stored current = load(connection, id);
            if (current.status() != Status.PROPOSED) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "mirror proposal " + id + " is already "
                        + current.status().name().toLowerCase(Locale.ROOT));
            }
            String now = Timestamps.format(clock.instant());
            try (PreparedStatement update = connection.prepareStatement("UPDATE infra_mirror_proposal SET status = ?, "
                    + "decided_by = ?, decided_at = ?, decision_note = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, status.name());
                update.setString(2, actor.name());
                update.setString(3, now);
                update.setString(4, note == null ? "" : note);
                update.setString(5, now);
                update.setLong(6, id);
                update.executeUpdate();
            }
            audit.append(connection, actor.name(), actor.agency(), "mirror." + status.name().toLowerCase(Locale.ROOT),
                    "mirror-proposal:" + id, current.proposal().host() + " as mirror of " + current.proposal().outlet()
                            + String.format(Locale.ROOT, " (confidence %.2f)", current.proposal().confidence())
                            + (note == null || note.isBlank() ? "" : ": " + note));
            return load(connection, id);
        });
    }

    private static Stored load(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM infra_mirror_proposal WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no mirror proposal " + id);
                }
                return read(rows);
            }
        }
    }

    private static Stored read(ResultSet rows) throws SQLException {
        List<Evidence> evidence;
        try {
            evidence = JSON.readValue(rows.getString("evidence"), new TypeReference<List<Evidence>>() { });
        } catch (JsonProcessingException e) {
            throw new TakedownException(TakedownException.Kind.IO, "mirror proposal " + rows.getLong("id")
                    + " has unreadable evidence: " + e.getOriginalMessage(), e);
        }
        MirrorProposal proposal = new MirrorProposal(rows.getString("host"), rows.getString("outlet"),
                rows.getDouble("confidence"), rows.getDouble("score"), evidence);
        return new Stored(rows.getLong("id"), proposal, Status.valueOf(rows.getString("status")),
                Timestamps.parse(rows.getString("proposed_at")), Optional.ofNullable(rows.getString("decided_by")),
                Optional.ofNullable(Timestamps.parse(rows.getString("decided_at"))),
                Optional.ofNullable(rows.getString("decision_note")));
    }

    private static String json(List<Evidence> evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
