package io.takedown.orders;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.cases.Agency;
import io.takedown.cases.Directory;
import io.takedown.cases.Item;
import io.takedown.cases.Items;
import io.takedown.cases.PriorAction;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The removal order workflow. Each method checks the actor's role, the agency boundary and the state
 * transition, writes the change, an order event and an audit entry in one transaction, and refuses
 * invalid transitions with a {@code CONFLICT} that says what the order's state is.
 */
public final class OrderService {

    /** Art. 3(3). */
    public static final Duration DEADLINE = Duration.ofHours(1);
    /** Art. 3(2). */
    public static final Duration PRIOR_NOTICE = Duration.ofHours(12);
    /** Art. 4(4). */
    public static final Duration SCRUTINY = Duration.ofHours(72);
    /** Art. 6(2). */
    public static final Period PRESERVATION = Period.ofMonths(6);
    /** Art. 11(3): information to the content provider may be withheld 6 weeks, then 6 more. */
    public static final int MAX_WITHHOLD_WEEKS = 12;

    private final Database database;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    public OrderService(Database database, Directory directory, AuditLog audit, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** The same URL already referred or ordered, by any agency: shown before drafting. */
    public List<PriorAction> priorActions(Actor actor, long itemId) {
        return database.inTransaction(connection -> {
            Item item = Items.require(connection, itemId);
            return Items.priorActions(connection, actor, item.canonicalUrl());
        });
    }

    public RemovalOrder draft(Actor actor, long itemId, String providerCode, String legalBasis, String reasons,
                              boolean emergency, String language) {
        Policy.check(actor, Action.DRAFT_ORDER);
        if (reasons == null || reasons.isBlank()) {
            throw new InvalidInputException(null, "an order needs a statement of reasons (Annex I)");
        }
        Agency provider = directory.agency(providerCode);
        if (provider.kind() != AgencyKind.PROVIDER) {
            throw new InvalidInputException(null, providerCode + " is not a hosting service provider");
        }
        Agency issuer = directory.agency(actor.agency());
        return database.inTransaction(connection -> {
            Item item = Items.require(connection, itemId);
            if (!item.agency().equals(actor.agency())) {
                throw new TakedownException(TakedownException.Kind.FORBIDDEN, "item " + itemId + " belongs to "
                        + item.agency() + "; orders are issued by the agency that holds the item");
            }
            boolean first = !exists(connection, "SELECT 1 FROM removal_order WHERE agency_id = ? AND provider_id = ? "
                    + "AND received_at IS NOT NULL", issuer.id(), provider.id());
            boolean crossBorder = !provider.country().equals(issuer.country());
            Instant now = clock.instant();
            String document = OrderDocument.json(issuer, provider, List.of(item.url()), legalBasis, reasons, emergency,
                    crossBorder, now, language);
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO removal_order (item_id, agency_id, "
                    + "provider_id, status, document, language, emergency, first_for_provider, cross_border, created_by, "
                    + "created_at) VALUES (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                insert.setLong(1, itemId);
                insert.setLong(2, issuer.id());
                insert.setLong(3, provider.id());
                insert.setString(4, document);
                insert.setString(5, language);
                insert.setInt(6, emergency ? 1 : 0);
                insert.setInt(7, first ? 1 : 0);
                insert.setInt(8, crossBorder ? 1 : 0);
                insert.setString(9, actor.name());
                insert.setString(10, Timestamps.format(now));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            record(connection, actor, id, "drafted", "to " + providerCode + (emergency ? ", emergency" : "")
                    + (first ? ", first order to this provider" : "") + (crossBorder ? ", cross-border" : ""));
            return load(connection, id);
        });
    }

    public RemovalOrder approve(Actor actor, long orderId) {
        Policy.check(actor, Action.APPROVE_ORDER);
        return transition(actor, orderId, "approve", EnumSet.of(OrderStatus.DRAFT), (connection, order, now) -> {
            if (order.createdBy().equals(actor.name())) {
                throw new TakedownException(TakedownException.Kind.FORBIDDEN, "four eyes: " + actor.name()
                        + " drafted order " + orderId + " and may not also approve it");
            }
            Instant earliest = order.firstForProvider() && !order.emergency() ? now.plus(PRIOR_NOTICE) : now;
            update(connection, orderId, "status = 'APPROVED', approved_by = ?, approved_at = ?, earliest_send_at = ?",
                    actor.name(), Timestamps.format(now), Timestamps.format(earliest));
            return order.firstForProvider() && !order.emergency()
                    ? "first order to " + order.provider() + ": procedures and deadlines notified; may be sent from "
                            + earliest + " (Art. 3(2))"
                    : "approved";
        });
    }

    /** Signs the order (JWS, EdDSA) and transmits it; the one-hour deadline runs from receipt. */
    public RemovalOrder send(Actor actor, long orderId, Transmitter transmitter) {
        Policy.check(actor, Action.SEND_ORDER);
        return transition(actor, orderId, "send", EnumSet.of(OrderStatus.APPROVED), (connection, current, at) -> {
            if (current.earliestSendAt().map(at::isBefore).orElse(false)) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + orderId + " is the first to "
                        + current.provider() + ": the 12-hour prior notice runs until " + current.earliestSendAt().get()
                        + " (Art. 3(2)); mark it an emergency to send now");
            }
            String signed = audit.signer().jws(current.document());
            String answer;
            try {
                answer = transmitter.deliver(Directory.agency(connection, current.provider()).orElseThrow(), signed);
            } catch (Exception e) {
                throw new TakedownException(TakedownException.Kind.IO, "could not deliver order " + orderId + " to "
                        + current.provider() + ": " + e.getMessage(), e);
            }
            update(connection, orderId, "status = 'SENT', received_at = ?, deadline_at = ?, scrutiny_due_at = ?, "
                    + "signature = ?", Timestamps.format(at), Timestamps.format(at.plus(DEADLINE)),
                    current.crossBorder() ? Timestamps.format(at.plus(SCRUTINY)) : null, signed);
            String copy = current.crossBorder() ? "; copy to the competent authority of " + current.providerCountry()
                    + " for scrutiny within 72 h (Art. 4)" : "";
            return "sent, deadline " + at.plus(DEADLINE) + copy + "; provider answered: " + answer;
        });
    }

    public RemovalOrder recordExecution(Actor actor, long orderId, Instant removedAt) {
        Policy.check(actor, Action.RECORD_FEEDBACK);
        return transition(actor, orderId, "execute", EnumSet.of(OrderStatus.SENT), (connection, order, now) -> {
            Instant preserve = removedAt.atOffset(ZoneOffset.UTC).plus(PRESERVATION).toInstant();
            update(connection, orderId, "status = 'EXECUTED', executed_at = ?, preserve_until = ?",
                    Timestamps.format(removedAt), Timestamps.format(preserve));
            return "Annex II feedback: removed at " + removedAt + (order.deadlineAt().map(removedAt::isAfter).orElse(false)
                    ? " (after the deadline)" : " (within the deadline)") + "; preserve until " + preserve;
        });
    }

    public RemovalOrder declareImpossible(Actor actor, long orderId, Impossibility reason, String explanation) {
        Policy.check(actor, Action.DECLARE_IMPOSSIBILITY);
        return transition(actor, orderId, "suspend", EnumSet.of(OrderStatus.SENT), (connection, order, now) -> {
            update(connection, orderId, "status = 'SUSPENDED', suspended_at = ?", Timestamps.format(now));
            return "Annex III: " + reason.name().toLowerCase().replace('_', ' ') + " - " + explanation
                    + "; deadline suspended";
        });
    }

    /** The impossibility is resolved (information supplied, reasons ceased): a new hour starts now. */
    public RemovalOrder resume(Actor actor, long orderId, String note) {
        Policy.check(actor, Action.SEND_ORDER);
        return transition(actor, orderId, "resume", EnumSet.of(OrderStatus.SUSPENDED), (connection, order, now) -> {
            update(connection, orderId, "status = 'SENT', suspended_at = NULL, deadline_at = ?",
                    Timestamps.format(now.plus(DEADLINE)));
            return "resolved: " + note + "; new deadline " + now.plus(DEADLINE);
        });
    }

    public RemovalOrder contest(Actor actor, long orderId, String grounds) {
        Policy.check(actor, Action.RECORD_FEEDBACK);
        return transition(actor, orderId, "contest", EnumSet.of(OrderStatus.SENT, OrderStatus.EXECUTED),
                (connection, order, now) -> {
                    update(connection, orderId, "status = 'CONTESTED'");
                    return "challenged (Art. 9): " + grounds;
                });
    }

    /** The host state's decision under Art. 4: an infringement makes the order cease. */
    public RemovalOrder recordScrutiny(Actor actor, long orderId, boolean infringes, String reasoning) {
        Policy.check(actor, Action.RECORD_SCRUTINY);
        return transition(actor, orderId, "record scrutiny for",
                EnumSet.of(OrderStatus.SENT, OrderStatus.SUSPENDED, OrderStatus.EXECUTED, OrderStatus.CONTESTED),
                (connection, order, now) -> {
                    if (!order.crossBorder()) {
                        throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + orderId
                                + " is not cross-border; there is no host-state scrutiny");
                    }
                    boolean late = order.scrutinyDueAt().map(now::isAfter).orElse(false);
                    if (infringes) {
                        update(connection, orderId, "status = 'CEASED', scrutiny_outcome = 'INFRINGES', closed_at = ?",
                                Timestamps.format(now));
                        return "host state found an infringement: the order ceases; content to be reinstated"
                                + (late ? " (decision after the 72 h)" : "") + " - " + reasoning;
                    }
                    update(connection, orderId, "scrutiny_outcome = 'UPHELD'");
                    return "host state upheld the order" + (late ? " (after the 72 h)" : "") + " - " + reasoning;
                });
    }

    public RemovalOrder extendPreservation(Actor actor, long orderId, Instant until, String request) {
        Policy.check(actor, Action.MANAGE_PRESERVATION);
        return transition(actor, orderId, "extend preservation of",
                EnumSet.of(OrderStatus.EXECUTED, OrderStatus.CONTESTED, OrderStatus.CEASED), (connection, order, now) -> {
                    if (order.preserveUntil().map(until::isBefore).orElse(false)) {
                        throw new InvalidInputException(null, "preservation already runs until " + order.preserveUntil().get());
                    }
                    update(connection, orderId, "preserve_until = ?", Timestamps.format(until));
                    return "preservation extended to " + until + " (Art. 6(2)): " + request;
                });
    }

    /** Art. 11: information to the content provider held back for {@code weeks} from execution. */
    public RemovalOrder withholdInformation(Actor actor, long orderId, int weeks, String reason) {
        Policy.check(actor, Action.MANAGE_PRESERVATION);
        if (weeks < 1 || weeks > MAX_WITHHOLD_WEEKS) {
            throw new InvalidInputException(null, "information may be withheld 1-6 weeks, extended once to 12; got "
                    + weeks);
        }
        return transition(actor, orderId, "withhold information for",
                EnumSet.of(OrderStatus.SENT, OrderStatus.EXECUTED), (connection, order, now) -> {
                    Instant from = order.executedAt().orElse(now);
                    update(connection, orderId, "inform_after = ?", Timestamps.format(from.plus(Duration.ofDays(7L * weeks))));
                    return "content provider informed only after " + from.plus(Duration.ofDays(7L * weeks)) + ": " + reason;
                });
    }

    /** Marks every sent order past its deadline as escalated (once) and returns them. */
    public List<RemovalOrder> escalateOverdue(String by) {
        Instant now = clock.instant();
        return database.inTransaction(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id FROM removal_order WHERE status = "
                    + "'SENT' AND deadline_at < ? AND escalated_at IS NULL ORDER BY id")) {
                query.setString(1, Timestamps.format(now));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            List<RemovalOrder> escalated = new ArrayList<>();
            for (long id : ids) {
                update(connection, id, "escalated_at = ?", Timestamps.format(now));
                event(connection, id, "overdue", "not executed by its deadline; escalated to the issuing authority", by);
                audit.append(connection, by, "system", "order-overdue", "order:" + id, null);
                escalated.add(load(connection, id));
            }
            return escalated;
        });
    }

    public RemovalOrder get(Actor actor, long orderId) {
        Policy.check(actor, Action.VIEW_ORDER);
        return database.inTransaction(connection -> {
            RemovalOrder order = load(connection, orderId);
            requireParty(actor, order);
            return order;
        });
    }

    public List<RemovalOrder> list(Actor actor) {
        Policy.check(actor, Action.VIEW_ORDER);
        return database.inTransaction(connection -> {
            List<RemovalOrder> out = new ArrayList<>();
            for (RemovalOrder order : loadAll(connection, "1 = 1")) {
                if (isParty(actor, order)) {
                    out.add(order);
                }
            }
            return out;
        });
    }

    /** Events of an order: what happened, when, by whom. */
    public record Event(String kind, String detail, String actor, Instant at) {
    }

    public List<Event> history(Actor actor, long orderId) {
        get(actor, orderId);
        return database.inTransaction(connection -> {
            List<Event> events = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT kind, detail, actor, at FROM order_event WHERE order_id = ? ORDER BY id")) {
                query.setLong(1, orderId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        events.add(new Event(rows.getString(1), rows.getString(2), rows.getString(3),
                                Timestamps.parse(rows.getString(4))));
                    }
                }
            }
            return events;
        });
    }

    // ---------------------------------------------------------------- internals

    @FunctionalInterface
    private interface Change {
        String apply(Connection connection, RemovalOrder order, Instant now) throws SQLException;
    }

    private RemovalOrder transition(Actor actor, long orderId, String verb, Set<OrderStatus> from, Change change) {
        return database.inTransaction(connection -> {
            RemovalOrder order = load(connection, orderId);
            requireParty(actor, order);
            if (!from.contains(order.status())) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "cannot " + verb + " order " + orderId
                        + ": it is " + order.status().label() + " (allowed from " + from.stream()
                        .map(OrderStatus::label).toList() + ")");
            }
            String detail = change.apply(connection, order, clock.instant());
            record(connection, actor, orderId, verb.split(" ")[0], detail);
            return load(connection, orderId);
        });
    }

    private static boolean isParty(Actor actor, RemovalOrder order) {
        return actor.agency().equals(order.agency()) || actor.agency().equals(order.provider())
                || actor.agencyKind() == AgencyKind.COORDINATOR
                || actor.roles().contains(io.takedown.access.Role.AUDITOR);
    }

    private static void requireParty(Actor actor, RemovalOrder order) {
        if (!isParty(actor, order)) {
            throw new TakedownException(TakedownException.Kind.FORBIDDEN, actor.agency()
                    + " is neither the issuer nor the addressee of order " + order.id());
        }
    }

    private void record(Connection connection, Actor actor, long orderId, String kind, String detail)
            throws SQLException {
        event(connection, orderId, kind, detail, actor.name());
        audit.append(connection, actor.name(), actor.agency(), "order-" + kind, "order:" + orderId, detail);
    }

    private void event(Connection connection, long orderId, String kind, String detail, String actor)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO order_event (order_id, kind, detail, actor, at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, orderId);
            insert.setString(2, kind);
            insert.setString(3, detail);
            insert.setString(4, actor);
            insert.setString(5, Timestamps.format(clock.instant()));
            insert.executeUpdate();
        }
    }

    private static void update(Connection connection, long orderId, String assignments, String... values)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE removal_order SET " + assignments + " WHERE id = ?")) {
            int i = 1;
            for (String value : values) {
                if (value == null) {
                    update.setNull(i++, Types.VARCHAR);
                } else {
                    update.setString(i++, value);
                }
            }
            update.setLong(i, orderId);
            update.executeUpdate();
        }
    }

    private static boolean exists(Connection connection, String sql, long a, long b) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, a);
            query.setLong(2, b);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static final String SELECT = "SELECT o.*, a.code AS agency_code, p.code AS provider_code, "
            + "p.country AS provider_country FROM removal_order o JOIN agency a ON a.id = o.agency_id "
            + "JOIN agency p ON p.id = o.provider_id";

    static RemovalOrder load(Connection connection, long orderId) throws SQLException {
        List<RemovalOrder> found = loadAll(connection, "o.id = " + orderId);
        if (found.isEmpty()) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no removal order " + orderId);
        }
        return found.getFirst();
    }

    static List<RemovalOrder> loadAll(Connection connection, String where) throws SQLException {
        List<RemovalOrder> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE " + where + " ORDER BY o.id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                out.add(new RemovalOrder(rows.getLong("id"), rows.getLong("item_id"), rows.getString("agency_code"),
                        rows.getString("provider_code"), rows.getString("provider_country"),
                        OrderStatus.valueOf(rows.getString("status")), rows.getString("document"),
                        rows.getString("language"), rows.getInt("emergency") == 1,
                        rows.getInt("first_for_provider") == 1, rows.getInt("cross_border") == 1,
                        rows.getString("created_by"), Timestamps.parse(rows.getString("created_at")),
                        Optional.ofNullable(rows.getString("approved_by")), time(rows, "approved_at"),
                        time(rows, "earliest_send_at"), time(rows, "received_at"), time(rows, "deadline_at"),
                        time(rows, "suspended_at"), time(rows, "executed_at"), time(rows, "closed_at"),
                        time(rows, "scrutiny_due_at"), Optional.ofNullable(rows.getString("scrutiny_outcome")),
                        time(rows, "preserve_until"), time(rows, "inform_after"), time(rows, "escalated_at"),
                        Optional.ofNullable(rows.getString("signature"))));
            }
        }
        return out;
    }

    private static Optional<Instant> time(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(Timestamps.parse(rows.getString(column)));
    }
}
