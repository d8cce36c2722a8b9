package io.takedown.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.signals.url.UrlCanonicalizer;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cases and items, with handling codes enforced and every read of an item audited. */
public final class CaseService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public CaseService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public CaseFile createCase(Actor actor, String title, Handling handling, boolean mayLeave) {
        Policy.check(actor, Action.CREATE_CASE);
        if (title == null || title.isBlank() || title.length() > 300) {
            throw new InvalidInputException(null, "a case needs a title of 1-300 characters");
        }
        return database.inTransaction(connection -> {
            long agencyId = Directory.agency(connection, actor.agency()).orElseThrow().id();
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_file (agency_id, title, "
                    + "handling, may_leave, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                insert.setLong(1, agencyId);
                insert.setString(2, title);
                insert.setString(3, handling.name());
                insert.setInt(4, mayLeave ? 1 : 0);
                insert.setString(5, actor.name());
                insert.setString(6, Timestamps.format(clock.instant()));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            audit.append(connection, actor.name(), actor.agency(), "case-created", "case:" + id, handling.name());
            return caseFile(connection, id).orElseThrow();
        });
    }

    public Item addItem(Actor actor, long caseId, String url, Optional<String> captureRef, Map<String, String> signals,
                        List<String> labels, Handling handling) {
        Policy.check(actor, Action.ADD_ITEM);
        String canonical = UrlCanonicalizer.canonicalize(url);
        return database.inTransaction(connection -> {
            CaseFile file = caseFile(connection, caseId).filter(c -> c.handling().visibleTo(actor, c.agency()))
                    .orElseThrow(() -> notFound("case", caseId));
            if (!file.agency().equals(actor.agency())) {
                throw new TakedownException(TakedownException.Kind.FORBIDDEN, "case " + caseId + " belongs to "
                        + file.agency() + "; only its agency adds items");
            }
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_item (case_id, url, "
                    + "canonical_url, capture_ref, signals, labels, handling, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                insert.setLong(1, caseId);
                insert.setString(2, url);
                insert.setString(3, canonical);
                insert.setString(4, captureRef.orElse(null));
                insert.setString(5, JSON.writeValueAsString(signals));
                insert.setString(6, String.join(",", labels));
                insert.setString(7, handling.name());
                insert.setString(8, actor.name());
                insert.setString(9, Timestamps.format(clock.instant()));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            audit.append(connection, actor.name(), actor.agency(), "item-added", "item:" + id, canonical);
            return item(connection, id).orElseThrow();
        });
    }

    /** Reads an item: allowed by role and handling code, and recorded in the audit log either way. */
    public Item viewItem(Actor actor, long itemId) {
        Policy.check(actor, Action.VIEW_ITEM);
        return database.inTransaction(connection -> {
            // Hidden and absent items get the same answer: naming the owner or code would leak them.
            Item item = Items.requireVisible(connection, actor, itemId);
            audit.append(connection, actor.name(), actor.agency(), "item-viewed", "item:" + itemId, null);
            return item;
        });
    }

    /** Cases the actor may see. */
    public List<CaseFile> cases(Actor actor) {
        Policy.check(actor, Action.VIEW_ITEM);
        return database.inTransaction(connection -> {
            List<CaseFile> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(CASE_SELECT + " ORDER BY c.id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    CaseFile file = caseFile(rows);
                    if (file.handling().visibleTo(actor, file.agency())) {
                        out.add(file);
                    }
                }
            }
            return out;
        });
    }

    /**
     * The items of a case that the actor may see (role and handling code), for lists such as the console's
     * triage queue. Opening one item's details and media stays {@link #viewItem}, which is audited.
     */
    public List<Item> items(Actor actor, long caseId) {
        Policy.check(actor, Action.VIEW_ITEM);
        return database.inTransaction(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM case_item WHERE case_id = ? ORDER BY id")) {
                query.setLong(1, caseId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            List<Item> out = new ArrayList<>();
            for (long id : ids) {
                Item item = item(connection, id).orElseThrow();
                if (item.handling().visibleTo(actor, item.agency())) {
                    out.add(item);
                }
            }
            return out;
        });
    }

    /**
     * Referrals and orders any agency already made for this URL (canonical form), so a provider is not sent
     * the same item twice. Details the actor may not see are reported as restricted, never hidden: the
     * fact that someone acted is what deconfliction needs. Only authorities ask (a provider or an NGO would
     * learn that an order is being prepared), and every question is audited.
     */
    public List<PriorAction> priorActions(Actor actor, String url) {
        Policy.check(actor, Action.DECONFLICT);
        String canonical = UrlCanonicalizer.canonicalize(url);
        return database.inTransaction(connection -> {
            List<PriorAction> prior = priorActions(connection, actor, canonical);
            audit.append(connection, actor.name(), actor.agency(), "prior-actions-viewed", "url:" + canonical,
                    prior.size() + " prior action(s)");
            return prior;
        });
    }

    static List<PriorAction> priorActions(Connection connection, Actor actor, String canonical) throws SQLException {
        List<PriorAction> out = new ArrayList<>();
        String[] kinds = {"referral", "order"};
        String[] tables = {"referral", "removal_order"};
        String[] times = {"created_at", "created_at"};
        for (int k = 0; k < 2; k++) {
            try (PreparedStatement query = connection.prepareStatement("SELECT x.id, a.code, x.status, x." + times[k]
                    + ", i.handling FROM " + tables[k] + " x JOIN case_item i ON i.id = x.item_id "
                    + "JOIN agency a ON a.id = x.agency_id WHERE i.canonical_url = ? ORDER BY x.id")) {
                query.setString(1, canonical);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        boolean visible = Handling.valueOf(rows.getString(5)).visibleTo(actor, rows.getString(2));
                        out.add(new PriorAction(kinds[k], visible ? rows.getLong(1) : 0,
                                visible ? rows.getString(2) : "another agency", visible ? rows.getString(3) : "restricted",
                                Timestamps.parse(rows.getString(4)), !visible));
                    }
                }
            }
        }
        return out;
    }

    private static final String CASE_SELECT = "SELECT c.id, a.code, c.title, c.handling, c.may_leave, c.created_by, "
            + "c.created_at FROM case_file c JOIN agency a ON a.id = c.agency_id";

    static Optional<CaseFile> caseFile(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(CASE_SELECT + " WHERE c.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(caseFile(rows)) : Optional.empty();
            }
        }
    }

    private static CaseFile caseFile(ResultSet rows) throws SQLException {
        return new CaseFile(rows.getLong(1), rows.getString(2), rows.getString(3), Handling.valueOf(rows.getString(4)),
                rows.getInt(5) == 1, rows.getString(6), Timestamps.parse(rows.getString(7)));
    }

    static Optional<Item> item(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT i.id, i.case_id, a.code, i.url, "
                + "i.canonical_url, i.capture_ref, i.signals, i.labels, i.handling, i.created_by, i.created_at "
                + "FROM case_item i JOIN case_file c ON c.id = i.case_id JOIN agency a ON a.id = c.agency_id "
                + "WHERE i.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Map<String, String> signals;
                try {
                    signals = JSON.readValue(rows.getString(7), new TypeReference<Map<String, String>>() { });
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("item " + id + " has unreadable signals", e);
                }
                String labels = rows.getString(8);
                return Optional.of(new Item(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), Optional.ofNullable(rows.getString(6)), signals,
                        labels == null || labels.isEmpty() ? List.of() : Arrays.asList(labels.split(",")),
                        Handling.valueOf(rows.getString(9)), rows.getString(10), Timestamps.parse(rows.getString(11))));
            }
        }
    }

    static TakedownException notFound(String what, long id) {
        return new TakedownException(TakedownException.Kind.NOT_FOUND, "no " + what + " " + id);
    }
}
