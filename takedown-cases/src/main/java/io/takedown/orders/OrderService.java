package io.takedown.orders;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.cases.Agency;
import io.takedown.cases.AgencyKeys;
import io.takedown.cases.Directory;
import io.takedown.cases.Item;
import io.takedown.cases.Items;
import io.takedown.cases.PriorAction;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.orders.OutboxMessage.Kind;
import io.takedown.orders.OutboxMessage.State;
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
import java.util.Optional;

/**
 * The removal order workflow, one {@link Step} per method. Each checks the actor's role and agency kind
 * ({@link Policy}), that the actor may know the order at all (else "not found"), that the actor is the
 * {@link Party} the step belongs to, and the state; then it writes the change (compare-and-set on the
 * state it read), an order event and an audit entry in one transaction. Documents for the provider and
 * the host state go to the {@link OrderOutbox} in the same transaction; {@link OrderDelivery} delivers them
 * and their acknowledged receipt starts the Regulation's clocks.
 */
public final class OrderService {

    /** Art. 3(3); see {@link Deadlines}. */
    public static final java.time.Duration DEADLINE = Deadlines.REMOVAL;
    /** Art. 3(2); see {@link Deadlines}. */
    public static final java.time.Duration PRIOR_NOTICE = Deadlines.PRIOR_NOTICE;
    /** Art. 4(4); see {@link Deadlines}. */
    public static final java.time.Duration SCRUTINY = Deadlines.SCRUTINY;

    /** Orders approved or staged per transaction in bulk (an action day's go). */
    public static final int BULK = 500;

    private final Database database;
    private final AuditLog audit;
    private final AgencyKeys keys;
    private final Clock clock;

    /** Every order signed by its issuing authority's own key, from {@code keys}. */
    public OrderService(Database database, Directory directory, AuditLog audit, AgencyKeys keys, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
    }

    /** Every agency signing with the audit log's key: for tests and tools that have no per-agency keys. */
    public OrderService(Database database, Directory directory, AuditLog audit, Clock clock) {
        this(database, directory, audit, code -> audit.signer(), clock);
    }

    /** The key that signs {@code agency}'s orders and notices. */
    public io.takedown.audit.Signer signerOf(String agency) {
        return keys.signer(agency);
    }

    /** Referrals and orders already made for the item's URL by any agency, shown before drafting; audited. */
    public List<PriorAction> priorActions(Actor actor, long itemId) {
        Policy.check(actor, Action.DECONFLICT);
        return database.inTransaction(connection -> {
            Item item = Items.requireVisible(connection, actor, itemId);
            List<PriorAction> prior = Items.priorActions(connection, actor, item.canonicalUrl());
            audit.append(connection, actor.name(), actor.agency(), "prior-actions-viewed", "item:" + itemId,
                    prior.size() + " prior action(s)");
            return prior;
        });
    }

    public RemovalOrder draft(Actor actor, long itemId, String providerCode, String legalBasis, String reasons,
                              boolean emergency, String language) {
        Policy.check(actor, Action.DRAFT_ORDER);
        if (reasons == null || reasons.isBlank()) {
            throw new InvalidInputException(null, "an order needs a statement of reasons (Annex I)");
        }
        return database.inTransaction(connection -> {
            Agency provider = Directory.agency(connection, providerCode).orElseThrow(() -> new TakedownException(
                    TakedownException.Kind.NOT_FOUND, "no agency " + providerCode));
            if (provider.kind() != AgencyKind.PROVIDER) {
                throw new InvalidInputException(null, providerCode + " is not a hosting service provider");
            }
            Agency issuer = Directory.agency(connection, actor.agency()).orElseThrow();
            Item item = Items.requireVisible(connection, actor, itemId);
            if (!item.agency().equals(actor.agency())) {
                throw new TakedownException(TakedownException.Kind.FORBIDDEN, "item " + itemId + " belongs to "
                        + item.agency() + "; orders are issued by the agency that holds the item");
            }
            boolean first = !anyReceived(connection, issuer.id(), provider.id());
            boolean crossBorder = !provider.country().equals(issuer.country());
            Instant now = clock.instant();
            String document = OrderDocument.json(issuer, provider, List.of(item.url()), legalBasis, reasons, emergency,
                    crossBorder, now, language);
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO removal_order (item_id, agency_id, "
                    + "provider_id, status, document, language, emergency, first_for_provider, cross_border, created_by, "
                    + "created_at) VALUES (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                OrderStore.bind(insert, 1, List.of(itemId, issuer.id(), provider.id(), document, language, emergency,
                        first, crossBorder, actor.name(), now));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            record(connection, actor, id, "drafted", "to " + providerCode + (emergency ? ", emergency" : "")
                    + (first ? ", first order to this provider" : "") + (crossBorder ? ", cross-border" : ""), now);
            return OrderStore.load(connection, id);
        });
    }

    /**
     * Four eyes: the drafter may not approve. For a provider's first non-emergency order the Art. 3(2)
     * procedures notice is queued for delivery; the order may be sent 12 hours after its receipt.
     */
    public RemovalOrder approve(Actor actor, long orderId) {
        return transition(actor, orderId, Step.APPROVE, (c, order, now) -> approveChange(c, order, now, actor));
    }

    private String approveChange(Connection connection, RemovalOrder order, Instant now, Actor actor)
            throws SQLException {
        long orderId = order.id();
        if (order.createdBy().equals(actor.name())) {
            throw new TakedownException(TakedownException.Kind.FORBIDDEN, "four eyes: " + actor.name()
                    + " drafted order " + orderId + " and may not also approve it");
        }
        OrderStore.update(connection, order, "status = 'APPROVED', approved_by = ?, approved_at = ?", actor.name(), now);
        if (!needsPriorNotice(connection, order)) {
            return "approved" + (order.emergency() ? " (emergency: no prior notice)" : "");
        }
        Optional<Instant> noticed = proceduresReceived(connection, order);
        if (noticed.isEmpty() && !proceduresQueued(connection, order)) {
            String notice = OrderJws.sign(keys.signer(order.agency()), OrderJws.PROCEDURES,
                    OrderDocument.procedures(order, now));
            OutboxMessage m = OrderOutbox.enqueue(connection, orderId, Kind.PROCEDURES,
                    Directory.agency(connection, order.provider()), envelope("procedures", notice), now);
            return "approved; first order to " + order.provider() + ": procedures and deadlines "
                    + (m.state() == State.OUT_OF_BAND ? "to be delivered out of band (no endpoint); record the receipt"
                    : "queued for delivery") + "; the order may be sent 12 h after the provider receives them (Art. 3(2))";
        }
        if (noticed.isPresent()) {
            OrderStore.compareAndSet(connection, orderId, OrderStatus.APPROVED, "earliest_send_at = ?",
                    Deadlines.earliestFirstOrder(noticed.get()));
        }
        return "approved; first order to " + order.provider() + ": "
                + noticed.map(at -> "procedures received " + at + ", may be sent from " + Deadlines.earliestFirstOrder(at))
                .orElse("procedures notice already on its way") + " (Art. 3(2))";
    }

    /**
     * Signs the order and puts it in the outbox (with the host state's copy when cross-border). The order
     * is QUEUED until the provider acknowledges it: the hour runs from that receipt, not from here.
     */
    public RemovalOrder send(Actor actor, long orderId) {
        return transition(actor, orderId, Step.SEND, (connection, order, now) -> {
            if (needsPriorNotice(connection, order)) {
                Optional<Instant> noticed = proceduresReceived(connection, order);
                if (noticed.isEmpty()) {
                    throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + orderId + " is the first to "
                            + order.provider() + ", which has not yet received the procedures and deadlines (Art. 3(2)); "
                            + "deliver them first, or mark the order an emergency");
                }
                Instant earliest = Deadlines.earliestFirstOrder(noticed.get());
                if (now.isBefore(earliest)) {
                    throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + orderId + " is the first to "
                            + order.provider() + ": the 12-hour prior notice runs until " + earliest
                            + " (Art. 3(2)); mark it an emergency to send now");
                }
            }
            if (OrderStaging.releaseOne(connection, orderId, now)) {
                // Signed and held by an action day's go: it goes now, as signed then.
                OrderStore.update(connection, order, "status = 'QUEUED', queued_at = ?", now);
                return "released: the order signed at the go is queued for delivery to " + order.provider()
                        + "; the hour runs from receipt";
            }
            io.takedown.audit.Signer signer = keys.signer(order.agency());
            String signed = OrderJws.sign(signer, OrderJws.ORDER, order.document());
            OrderStore.update(connection, order, "status = 'QUEUED', queued_at = ?, signature = ?", now, signed);
            OutboxMessage toProvider = OrderOutbox.enqueue(connection, orderId, Kind.ORDER,
                    Directory.agency(connection, order.provider()), envelope("order", signed), now);
            String detail = "signed (" + signer.keyId() + ") and " + (toProvider.state() == State.OUT_OF_BAND
                    ? "to be delivered out of band (" + order.provider() + " has no endpoint); record the receipt"
                    : "queued for delivery to " + order.provider()) + "; the hour runs from receipt";
            if (order.crossBorder()) {
                Optional<Agency> host = Directory.competentAuthority(connection, order.providerCountry());
                OutboxMessage copy = OrderOutbox.enqueue(connection, orderId, Kind.SCRUTINY_COPY, host,
                        envelope("copy", signed), now);
                detail += "; copy for the competent authority of " + order.providerCountry() + " "
                        + (copy.state() == State.OUT_OF_BAND ? "to be delivered out of band" : "queued") + " (Art. 4(1))";
            }
            return detail;
        });
    }

    /** What a bulk step did: the orders it changed, and why each other order was left as it was. */
    public record Bulk(List<RemovalOrder> done, java.util.Map<Long, String> refused) {
    }

    /**
     * Approves many orders, {@link #BULK} per transaction, with exactly the checks and effects of
     * {@link #approve} for each (four eyes, the procedures notice of a first order). An order that cannot be
     * approved is left as it was and listed with the reason; the others are approved.
     */
    public Bulk approveAll(Actor actor, List<Long> orderIds) {
        return bulk(actor, orderIds, Step.APPROVE, Step.APPROVE.event(), (c, order, now) -> approveChange(c, order, now, actor));
    }

    /**
     * Signs many approved orders with their issuing authority's key and puts them in the outbox held under
     * {@code holdTag} (with the host state's copy when cross-border), {@link #BULK} per transaction, so that an
     * action day's H-hour only releases them ({@link OrderStaging#release}). The orders stay APPROVED, and no
     * clock runs, until then; {@link #send} of a held order releases it alone.
     */
    public Bulk stageAll(Actor actor, List<Long> orderIds, String holdTag) {
        return bulk(actor, orderIds, Step.SEND, "staged", (connection, order, now) ->
                OrderStaging.stage(connection, order, keys.signer(order.agency()), holdTag, now));
    }

    private Bulk bulk(Actor actor, List<Long> orderIds, Step step, String event, Change change) {
        Policy.check(actor, step.action());
        List<RemovalOrder> done = new ArrayList<>();
        java.util.Map<Long, String> refused = new java.util.LinkedHashMap<>();
        for (int from = 0; from < orderIds.size(); from += BULK) {
            List<Long> chunk = orderIds.subList(from, Math.min(orderIds.size(), from + BULK));
            try {
                done.addAll(database.inTransaction(connection -> {
                    audit.lockHead(connection);
                    List<RemovalOrder> changed = new ArrayList<>(chunk.size());
                    for (long id : chunk) {
                        changed.add(apply(connection, actor, id, step, event, change));
                    }
                    return changed;
                }));
            } catch (TakedownException e) {
                // One order of the chunk cannot take the step: the chunk rolled back; take them one by one.
                for (long id : chunk) {
                    try {
                        done.add(database.inTransaction(connection -> {
                            audit.lockHead(connection);
                            return apply(connection, actor, id, step, event, change);
                        }));
                    } catch (TakedownException refusal) {
                        refused.put(id, refusal.getMessage());
                    }
                }
            }
        }
        return new Bulk(done, refused);
    }

    /**
     * The receipt of a document delivered out of band (or after delivery failed), as the recipient confirmed
     * it: not before it was queued, not in the future.
     */
    public RemovalOrder recordReceipt(Actor actor, long orderId, Kind kind, Instant receivedAt) {
        return transition(actor, orderId, Step.RECORD_RECEIPT, (connection, order, now) -> {
            OutboxMessage m = OrderOutbox.message(connection, orderId, kind).orElseThrow(() -> new TakedownException(
                    TakedownException.Kind.CONFLICT, "order " + orderId + " has no " + kind.name().toLowerCase() + " to deliver"));
            if (m.state() != State.OUT_OF_BAND && m.state() != State.FAILED) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "the " + kind.name().toLowerCase()
                        + " of order " + orderId + " is " + m.state().name().toLowerCase()
                        + "; receipts are recorded by hand only for out-of-band or failed deliveries");
            }
            requireBetween(receivedAt, m.createdAt(), now, "the receipt");
            if (!OrderOutbox.markDeliveredByHand(connection, m, receivedAt)) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "the delivery changed meanwhile");
            }
            OrderOutbox.applyReceipt(connection, audit, m, receivedAt, "recorded by " + actor.name(), actor.name(), now);
            return null;
        });
    }

    /** Annex II: removed at {@code removedAt}, which lies between the receipt and now. */
    public RemovalOrder recordExecution(Actor actor, long orderId, Instant removedAt) {
        return transition(actor, orderId, Step.EXECUTE, (connection, order, now) -> {
            requireBetween(removedAt, order.receivedAt().orElseThrow(), now, "the removal");
            boolean inTime = order.status() == OrderStatus.SUSPENDED
                    ? !order.suspendedLate() : !removedAt.isAfter(order.deadlineAt().orElseThrow());
            Instant preserve = Deadlines.preserveUntil(removedAt);
            OrderStore.update(connection, order, "status = 'EXECUTED', executed_at = ?, executed_in_time = ?, "
                    + "preserve_until = ?", removedAt, inTime, preserve);
            return "Annex II feedback: removed at " + removedAt + (inTime ? " (within the deadline)" : " (after the deadline)")
                    + "; preserve until " + preserve + " (Art. 6)";
        });
    }

    /**
     * Annex III: the provider cannot comply. Before the deadline the hour stops; after it the answer is
     * recorded but the order stays overdue (a late answer does not undo the missed hour).
     */
    public RemovalOrder declareImpossible(Actor actor, long orderId, Impossibility reason, String explanation) {
        requireText(explanation, "an Annex III answer needs an explanation");
        return transition(actor, orderId, Step.SUSPEND, (connection, order, now) -> {
            boolean late = order.deadlineAt().map(now::isAfter).orElse(false);
            OrderStore.update(connection, order, "status = 'SUSPENDED', suspended_at = ?, impossibility = ?, "
                    + "suspension_flagged_at = NULL", now, reason);
            return "Annex III: " + label(reason) + " - " + explanation + (late ? "; received after the deadline "
                    + order.deadlineAt().get() + ": the order stays overdue" : "; deadline suspended");
        });
    }

    /** The issuer supplied what a manifest-error or missing-information answer asked for (Art. 3(8)). */
    public RemovalOrder resume(Actor actor, long orderId, String clarification) {
        requireText(clarification, "say what was clarified");
        return transition(actor, orderId, Step.RESUME, (connection, order, now) -> {
            if (order.impossibility().orElse(null) == Impossibility.FORCE_MAJEURE) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + orderId + " is suspended for "
                        + "force majeure, which ends when " + order.provider() + " reports that its reasons ceased");
            }
            return restart(connection, order, now, "clarification supplied: " + clarification, "Art. 3(8)");
        });
    }

    /** The provider reports that the force majeure of its Annex III answer has ceased (Art. 3(7)). */
    public RemovalOrder reportReasonsCeased(Actor actor, long orderId, String note) {
        requireText(note, "say what changed");
        return transition(actor, orderId, Step.REASONS_CEASED, (connection, order, now) -> {
            if (order.impossibility().orElse(null) != Impossibility.FORCE_MAJEURE) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + orderId + " is suspended for "
                        + order.impossibility().map(OrderService::label).orElse("?")
                        + ", which ends when the issuing authority supplies the clarification");
            }
            return restart(connection, order, now, "reasons ceased: " + note, "Art. 3(7)");
        });
    }

    /**
     * Ends a suspension. Suspended in time: the hour starts again from now, as the Regulation says, and a
     * new escalation becomes possible. Suspended only after the deadline: the old deadline stands, the order
     * is still overdue and stays escalated.
     */
    private String restart(Connection connection, RemovalOrder order, Instant now, String why, String article)
            throws SQLException {
        if (order.suspendedLate()) {
            OrderStore.update(connection, order, "status = 'SENT', suspended_at = NULL, impossibility = NULL, "
                    + "suspension_flagged_at = NULL");
            return why + "; the deadline " + order.deadlineAt().orElseThrow() + " had passed before the Annex III "
                    + "answer, so it stands (" + article + ")";
        }
        Instant deadline = Deadlines.removalDeadline(now);
        OrderStore.update(connection, order, "status = 'SENT', suspended_at = NULL, impossibility = NULL, "
                + "suspension_flagged_at = NULL, escalated_at = NULL, deadline_at = ?", deadline);
        return why + "; the hour runs again: removal due by " + deadline + " (" + article + ")";
    }

    /** Art. 9: the provider challenges the order. Recorded; the duty to remove within the hour stays. */
    public RemovalOrder contest(Actor actor, long orderId, String grounds) {
        requireText(grounds, "a challenge needs grounds");
        return transition(actor, orderId, Step.CONTEST, (connection, order, now) -> {
            if (order.contestedAt().isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "order " + orderId + " was already "
                        + "contested on " + order.contestedAt().get());
            }
            OrderStore.update(connection, order, "contested_at = ?, contest_grounds = ?", now, grounds);
            return "challenged (Art. 9): " + grounds + "; the order stays in force"
                    + (order.status() == OrderStatus.SENT ? ", removal still due by " + order.deadlineAt().orElseThrow() : "");
        });
    }

    /** The host state's decision under Art. 4(4): an infringement makes the order cease. Once. */
    public RemovalOrder recordScrutiny(Actor actor, long orderId, boolean infringes, String reasoning) {
        requireText(reasoning, "a scrutiny decision needs its reasoning");
        return transition(actor, orderId, Step.SCRUTINISE, (connection, order, now) -> {
            if (order.scrutinyOutcome().isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "the host state already decided on order "
                        + orderId + ": " + order.scrutinyOutcome().get().toLowerCase());
            }
            boolean late = order.scrutinyDueAt().map(now::isAfter).orElse(false);
            if (infringes) {
                OrderStore.update(connection, order, "status = 'CEASED', scrutiny_outcome = 'INFRINGES', closed_at = ?", now);
                return "host state found an infringement: the order ceases; content to be reinstated"
                        + (late ? " (decision after the 72 h)" : "") + " - " + reasoning;
            }
            OrderStore.update(connection, order, "scrutiny_outcome = 'UPHELD'");
            return "host state upheld the order" + (late ? " (after the 72 h)" : "") + " - " + reasoning;
        });
    }

    /** Art. 6(2): preservation beyond six months, for review proceedings. */
    public RemovalOrder extendPreservation(Actor actor, long orderId, Instant until, String request) {
        requireText(request, "name the request for longer preservation");
        return transition(actor, orderId, Step.EXTEND_PRESERVATION, (connection, order, now) -> {
            Instant current = order.preserveUntil().orElse(now);
            if (!until.isAfter(current) || !until.isAfter(now)) {
                throw new InvalidInputException(null, "preservation already runs until " + current
                        + "; an extension must end later");
            }
            OrderStore.update(connection, order, "preserve_until = ?", until);
            return "preservation extended to " + until + " (Art. 6(2)): " + request;
        });
    }

    /** Art. 11(3): the content provider is informed only after {@code weeks} (≤ 6) from this decision. */
    public RemovalOrder withholdInformation(Actor actor, long orderId, int weeks, String reason) {
        requireWeeks(weeks, Deadlines.MAX_WITHHOLD_WEEKS, "information may be withheld 1-6 weeks from the decision");
        requireText(reason, "withholding needs a reason");
        return transition(actor, orderId, Step.WITHHOLD, (connection, order, now) -> {
            if (order.withheldAt().isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "information on order " + orderId
                        + " is already withheld until " + order.informAfter().orElseThrow()
                        + "; it may be extended once (Art. 11(3))");
            }
            Instant until = Deadlines.weeksAfter(now, weeks);
            OrderStore.update(connection, order, "withheld_at = ?, inform_after = ?", now, until);
            return "content provider informed only after " + until + " (Art. 11(3)): " + reason;
        });
    }

    /** Art. 11(3): the one extension, by at most six weeks, decided before the first period ends. */
    public RemovalOrder extendWithholding(Actor actor, long orderId, int weeks, String reason) {
        requireWeeks(weeks, Deadlines.MAX_WITHHOLD_EXTENSION_WEEKS, "withholding may be extended once by 1-6 weeks");
        requireText(reason, "an extension needs a reason");
        return transition(actor, orderId, Step.EXTEND_WITHHOLDING, (connection, order, now) -> {
            if (order.withheldAt().isEmpty()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "information on order " + orderId
                        + " is not withheld; nothing to extend");
            }
            if (order.withholdExtended()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "withholding on order " + orderId
                        + " was already extended once, until " + order.informAfter().orElseThrow() + " (Art. 11(3))");
            }
            Instant current = order.informAfter().orElseThrow();
            if (!now.isBefore(current)) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "the withholding period of order "
                        + orderId + " ended at " + current + "; the content provider is due the information");
            }
            Instant until = Deadlines.weeksAfter(current, weeks);
            OrderStore.update(connection, order, "inform_after = ?, withhold_extended = 1", until);
            return "withholding extended to " + until + " (Art. 11(3), once): " + reason;
        });
    }

    /** Marks every order past its deadline without removal as escalated, once per deadline, and returns them. */
    public List<RemovalOrder> escalateOverdue(String by) {
        Instant now = clock.instant();
        return sweep(by, "SELECT id FROM removal_order WHERE deadline_at < ? AND escalated_at IS NULL AND "
                + "(status = 'SENT' OR (status = 'SUSPENDED' AND suspended_at > deadline_at)) ORDER BY id", now,
                "UPDATE removal_order SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL AND deadline_at < ?",
                "overdue", "not executed by its deadline; escalated to the issuing authority");
    }

    /** Flags every order suspended longer than {@link Deadlines#LONG_SUSPENSION} without resolution, once. */
    public List<RemovalOrder> flagLongSuspended(String by) {
        Instant limit = clock.instant().minus(Deadlines.LONG_SUSPENSION);
        return sweep(by, "SELECT id FROM removal_order WHERE status = 'SUSPENDED' AND suspended_at < ? "
                + "AND suspension_flagged_at IS NULL ORDER BY id", limit,
                "UPDATE removal_order SET suspension_flagged_at = ? WHERE id = ? AND suspension_flagged_at IS NULL "
                + "AND suspended_at < ?", "long-suspended", "suspended for more than "
                + Deadlines.LONG_SUSPENSION.toHours() + " h without resolution; the issuing authority should follow up");
    }

    private List<RemovalOrder> sweep(String by, String select, Instant bound, String mark, String kind, String detail) {
        return database.inTransaction(connection -> {
            audit.lockHead(connection);
            Instant now = clock.instant();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(select)) {
                OrderStore.bind(query, 1, List.of(bound));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            List<RemovalOrder> marked = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(mark)) {
                for (long id : ids) {
                    OrderStore.bind(update, 1, List.of(now, id, bound));
                    if (update.executeUpdate() == 1) {
                        RemovalOrder order = OrderStore.load(connection, id);
                        OrderStore.event(connection, id, kind, detail, by, now);
                        audit.append(connection, by, order.agency(), "order-" + kind, "order:" + id, null);
                        marked.add(order);
                    }
                }
            }
            return marked;
        });
    }

    public RemovalOrder get(Actor actor, long orderId) {
        Policy.check(actor, Action.VIEW_ORDER);
        return database.inTransaction(connection -> visible(connection, actor, orderId));
    }

    public List<RemovalOrder> list(Actor actor) {
        Policy.check(actor, Action.VIEW_ORDER);
        return database.inTransaction(connection -> OrderStore.loadAll(connection, OrderStore.Filter.of("1 = 1"))
                .stream().filter(order -> Party.canSee(actor, order)).toList());
    }

    /** What the outbox holds for the order: deliveries, their attempts and acknowledgements. */
    public List<OutboxMessage> deliveries(Actor actor, long orderId) {
        Policy.check(actor, Action.VIEW_ORDER);
        return database.inTransaction(connection -> {
            visible(connection, actor, orderId);
            return OrderOutbox.messages(connection, orderId);
        });
    }

    /** Events of an order: what happened, when, by whom. */
    public record Event(String kind, String detail, String actor, Instant at) {
    }

    public List<Event> history(Actor actor, long orderId) {
        Policy.check(actor, Action.VIEW_ORDER);
        return database.inTransaction(connection -> {
            visible(connection, actor, orderId);
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
        /** Applies the step; returns the event detail, or null when the change recorded its own events. */
        String apply(Connection connection, RemovalOrder order, Instant now) throws SQLException;
    }

    private RemovalOrder transition(Actor actor, long orderId, Step step, Change change) {
        Policy.check(actor, step.action());
        return database.inTransaction(connection -> {
            audit.lockHead(connection);
            return apply(connection, actor, orderId, step, step.event(), change);
        });
    }

    /** One step on one order inside the caller's transaction: visibility, party, state, change, event, audit. */
    private RemovalOrder apply(Connection connection, Actor actor, long orderId, Step step, String event, Change change)
            throws SQLException {
        RemovalOrder order = visible(connection, actor, orderId);
        step.party().require(actor, order, step.verb());
        if (!step.from().contains(order.status())) {
            throw new TakedownException(TakedownException.Kind.CONFLICT, "cannot " + step.verb() + " order "
                    + orderId + ": it is " + order.status().label() + " (allowed from " + step.from().stream()
                    .map(OrderStatus::label).toList() + ")");
        }
        Instant now = clock.instant();
        String detail = change.apply(connection, order, now);
        if (detail != null) {
            record(connection, actor, orderId, event, detail, now);
        }
        return OrderStore.load(connection, orderId);
    }

    private static RemovalOrder visible(Connection connection, Actor actor, long orderId) throws SQLException {
        RemovalOrder order = OrderStore.load(connection, orderId);
        Party.requireVisible(actor, order);
        return order;
    }

    private void record(Connection connection, Actor actor, long orderId, String kind, String detail, Instant now)
            throws SQLException {
        OrderStore.event(connection, orderId, kind, detail, actor.name(), now);
        audit.append(connection, actor.name(), actor.agency(), "order-" + kind, "order:" + orderId, detail);
    }

    /** Art. 3(2) applies: not an emergency, and no order of this authority has reached this provider yet. */
    private static boolean needsPriorNotice(Connection connection, RemovalOrder order) throws SQLException {
        return !order.emergency() && !anyReceived(connection, agencyId(connection, order.agency()),
                agencyId(connection, order.provider()));
    }

    private static boolean anyReceived(Connection connection, long agencyId, long providerId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM removal_order WHERE agency_id = ? "
                + "AND provider_id = ? AND received_at IS NOT NULL")) {
            OrderStore.bind(query, 1, List.of(agencyId, providerId));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** When this provider first received this authority's procedures notice, if it has. */
    private static Optional<Instant> proceduresReceived(Connection connection, RemovalOrder order) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MIN(o.procedures_received_at) FROM "
                + "removal_order o WHERE o.agency_id = ? AND o.provider_id = ? AND o.procedures_received_at IS NOT NULL")) {
            OrderStore.bind(query, 1, List.of(agencyId(connection, order.agency()), agencyId(connection, order.provider())));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.ofNullable(Timestamps.parse(rows.getString(1))) : Optional.empty();
            }
        }
    }

    private static boolean proceduresQueued(Connection connection, RemovalOrder order) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM order_outbox m JOIN removal_order o "
                + "ON o.id = m.order_id WHERE m.kind = 'PROCEDURES' AND m.status IN ('PENDING', 'OUT_OF_BAND') "
                + "AND o.agency_id = ? AND o.provider_id = ?")) {
            OrderStore.bind(query, 1, List.of(agencyId(connection, order.agency()), agencyId(connection, order.provider())));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static long agencyId(Connection connection, String code) throws SQLException {
        return Directory.agency(connection, code).orElseThrow().id();
    }

    /** What the recipient's endpoint receives: the kind, and the JWS that carries everything to act on. */
    static String envelope(String kind, String jws) {
        return "{\"kind\":\"" + kind + "\",\"order\":\"" + jws + "\"}";
    }

    private static void requireBetween(Instant at, Instant notBefore, Instant notAfter, String what) {
        if (at.isBefore(notBefore)) {
            throw new InvalidInputException(null, what + " at " + at + " would precede " + notBefore);
        }
        if (at.isAfter(notAfter)) {
            throw new InvalidInputException(null, what + " at " + at + " lies in the future (now " + notAfter + ")");
        }
    }

    private static void requireText(String text, String message) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(null, message);
        }
    }

    private static void requireWeeks(int weeks, int max, String message) {
        if (weeks < 1 || weeks > max) {
            throw new InvalidInputException(null, message + "; got " + weeks);
        }
    }

    static String label(Impossibility reason) {
        return reason.name().toLowerCase().replace('_', ' ');
    }
}
