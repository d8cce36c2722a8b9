package io.takedown.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.audit.AuditLog;
import io.takedown.cases.Agency;
import io.takedown.orders.OutboxMessage.Kind;
import io.takedown.orders.OutboxMessage.State;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox of signed documents. A workflow step writes its message in the same transaction
 * as the state change ({@link #enqueue}); a relay later {@link #claim claims} due messages under a lease,
 * delivers them outside any transaction, and {@link #complete completes} them: a 2xx acknowledgement marks
 * the message delivered and applies what its receipt starts (the hour, the 12 hours, the 72 hours) in one
 * transaction. A relay that dies after delivering but before completing loses its lease; the next relay
 * delivers again under the same idempotency key and the recipient acts once.
 */
public final class OrderOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public OrderOutbox(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result of one delivery attempt. */
    public sealed interface Outcome {
        OutboxMessage message();
    }

    /** A 2xx came back at {@code answeredAt}. */
    public record Acknowledged(OutboxMessage message, int status, String body, Instant answeredAt) implements Outcome {
        /**
         * The receipt: the time the recipient states in its answer ({@code received_at}) when it lies between
         * queueing and the answer (a repeat delivery gets the first receipt back), else when the answer came.
         */
        public Instant receipt() {
            try {
                JsonNode stated = JSON.readTree(body).path("received_at");
                if (stated.isTextual()) {
                    Instant at = Instant.parse(stated.asText());
                    if (!at.isBefore(message.createdAt()) && !at.isAfter(answeredAt)) {
                        return at;
                    }
                }
            } catch (java.io.IOException | DateTimeParseException e) {
                // Not JSON or no usable time: the answer's own time counts.
            }
            return answeredAt;
        }
    }

    /** Nothing usable came back; {@code retriable} says whether another attempt could help. */
    public record NotDelivered(OutboxMessage message, String error, boolean retriable) implements Outcome {
    }

    /** Writes a message inside the caller's transaction; out of band when the recipient has no endpoint. */
    static OutboxMessage enqueue(Connection connection, long orderId, Kind kind, Optional<Agency> recipient,
                                 String payload, Instant now) throws SQLException {
        return enqueue(connection, orderId, kind, recipient, payload, now, Optional.empty());
    }

    /** As above; with a hold tag the message waits as HELD until {@link OrderStaging#release} (or a send). */
    static OutboxMessage enqueue(Connection connection, long orderId, Kind kind, Optional<Agency> recipient,
                                 String payload, Instant now, Optional<String> holdTag) throws SQLException {
        Optional<String> endpoint = recipient.flatMap(Agency::endpoint);
        String key = "tco-" + kind.name().toLowerCase().replace('_', '-') + "-" + orderId + "-" + UUID.randomUUID();
        State state = holdTag.isPresent() ? State.HELD : endpoint.isPresent() ? State.PENDING : State.OUT_OF_BAND;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO order_outbox (order_id, kind, "
                + "recipient_id, endpoint, idempotency_key, media_type, payload, status, attempts, next_attempt_at, "
                + "created_at, hold_tag, staged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
            OrderStore.bind(insert, 1, java.util.Arrays.asList(orderId, kind, recipient.map(Agency::id).orElse(null),
                    endpoint.orElse(null), key, "application/json", payload, state, now, now, holdTag.orElse(null),
                    holdTag.isPresent() ? now : null));
            insert.executeUpdate();
        }
        return message(connection, orderId, kind).orElseThrow();
    }

    /**
     * Claims up to {@code max} due messages (of one order when given) for {@code lease}: each claim is a
     * compare-and-set, so two relays never own the same message.
     */
    public List<OutboxMessage> claim(int max, Optional<Long> orderId, Duration lease) {
        return database.inTransaction(connection -> {
            Instant now = clock.instant();
            List<Long> due = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id FROM order_outbox WHERE status = ? "
                    + "AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                    + (orderId.isPresent() ? " AND order_id = ?" : "") + " ORDER BY id LIMIT ?")) {
                List<Object> values = new ArrayList<>(List.of(State.PENDING, now, now));
                orderId.ifPresent(values::add);
                values.add(max);
                OrderStore.bind(query, 1, values);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        due.add(rows.getLong(1));
                    }
                }
            }
            String token = UUID.randomUUID().toString();
            List<OutboxMessage> claimed = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement("UPDATE order_outbox SET claim_token = ?, "
                    + "claimed_until = ? WHERE id = ? AND status = ? AND (claimed_until IS NULL OR claimed_until < ?)")) {
                for (long id : due) {
                    OrderStore.bind(update, 1, List.of(token, now.plus(lease), id, State.PENDING, now));
                    if (update.executeUpdate() == 1) {
                        claimed.add(byId(connection, id));
                    }
                }
            }
            return claimed;
        });
    }

    /** Records outcomes in one transaction; messages whose lease another relay took meanwhile are skipped. */
    public int complete(List<? extends Outcome> outcomes, java.util.function.IntUnaryOperator backoffSeconds,
                        int maxAttempts) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        return database.inTransaction(connection -> {
            audit.lockHead(connection);
            Instant now = clock.instant();
            int applied = 0;
            for (Outcome outcome : outcomes) {
                OutboxMessage m = outcome.message();
                if (outcome instanceof Acknowledged ack) {
                    if (settle(connection, m, State.DELIVERED, "acknowledged_at = ?, acknowledgement = ?, last_error = NULL",
                            ack.answeredAt(), abbreviate("HTTP " + ack.status() + " " + ack.body()))) {
                        applyReceipt(connection, audit, m, ack.receipt(), "acknowledged HTTP " + ack.status(),
                                "delivery", now);
                        applied++;
                    }
                } else if (outcome instanceof NotDelivered failed) {
                    int attempts = m.attempts() + 1;
                    boolean giveUp = !failed.retriable() || attempts >= maxAttempts;
                    Instant next = now.plusSeconds(backoffSeconds.applyAsInt(attempts));
                    if (settle(connection, m, giveUp ? State.FAILED : State.PENDING,
                            "attempts = ?, next_attempt_at = ?, last_error = ?", attempts, next, abbreviate(failed.error()))
                            && giveUp) {
                        String issuer = issuerOf(connection, m.orderId());
                        OrderStore.event(connection, m.orderId(), "delivery-failed", m.kind().name().toLowerCase()
                                + " not delivered after " + attempts + " attempt(s): " + failed.error()
                                + "; deliver out of band and record the receipt", "delivery", now);
                        audit.append(connection, "delivery", issuer, "order-delivery-failed", "order:" + m.orderId(),
                                m.kind() + " " + failed.error());
                    }
                }
            }
            return applied;
        });
    }

    /** Compare-and-set on the claim: only the relay holding the lease settles a message. */
    private static boolean settle(Connection connection, OutboxMessage m, State state, String assignments,
                                  Object... values) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE order_outbox SET status = ?, "
                + "claim_token = NULL, claimed_until = NULL, " + assignments
                + " WHERE id = ? AND status = ? AND claim_token = ?")) {
            List<Object> all = new ArrayList<>();
            all.add(state);
            all.addAll(java.util.Arrays.asList(values));
            all.addAll(List.of(m.id(), State.PENDING, m.claimToken().orElse("")));
            OrderStore.bind(update, 1, all);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * What a receipt starts, inside the caller's transaction: the provider's hour (order), the earliest
     * first order (procedures), the host state's 72 hours (copy).
     */
    static void applyReceipt(Connection connection, AuditLog audit, OutboxMessage m, Instant receipt, String how,
                             String by, Instant now) throws SQLException {
        RemovalOrder order = OrderStore.load(connection, m.orderId());
        String detail;
        switch (m.kind()) {
            case ORDER -> {
                Instant deadline = Deadlines.removalDeadline(receipt);
                if (!OrderStore.compareAndSet(connection, order.id(), OrderStatus.QUEUED,
                        "status = 'SENT', received_at = ?, deadline_at = ?", receipt, deadline)) {
                    return;
                }
                detail = "received by " + order.provider() + " at " + receipt + " (" + how + "); removal due by "
                        + deadline + " (Art. 3(3))";
            }
            case PROCEDURES -> {
                Instant earliest = Deadlines.earliestFirstOrder(receipt);
                try (PreparedStatement update = connection.prepareStatement("UPDATE removal_order SET "
                        + "procedures_received_at = ?, earliest_send_at = ? WHERE id = ?")) {
                    OrderStore.bind(update, 1, List.of(receipt, earliest, order.id()));
                    update.executeUpdate();
                }
                // The notice serves every waiting first order of this authority to this provider.
                try (PreparedStatement update = connection.prepareStatement("UPDATE removal_order SET "
                        + "earliest_send_at = ? WHERE agency_id = (SELECT agency_id FROM removal_order WHERE id = ?) "
                        + "AND provider_id = (SELECT provider_id FROM removal_order WHERE id = ?) "
                        + "AND status IN ('DRAFT', 'APPROVED') AND earliest_send_at IS NULL")) {
                    OrderStore.bind(update, 1, List.of(earliest, order.id(), order.id()));
                    update.executeUpdate();
                }
                detail = "procedures and deadlines received by " + order.provider() + " at " + receipt + " (" + how
                        + "); the first order may be sent from " + earliest + " (Art. 3(2))";
            }
            case SCRUTINY_COPY -> {
                Instant due = Deadlines.scrutinyDue(receipt);
                try (PreparedStatement update = connection.prepareStatement("UPDATE removal_order SET "
                        + "copy_received_at = ?, scrutiny_due_at = ? WHERE id = ?")) {
                    OrderStore.bind(update, 1, List.of(receipt, due, order.id()));
                    update.executeUpdate();
                }
                detail = "copy received by the competent authority of " + order.providerCountry() + " at " + receipt
                        + " (" + how + "); scrutiny due by " + due + " (Art. 4(4))";
            }
            default -> throw new IllegalStateException(m.kind().name());
        }
        String kind = switch (m.kind()) {
            case ORDER -> "received";
            case PROCEDURES -> "procedures-received";
            case SCRUTINY_COPY -> "copy-received";
        };
        OrderStore.event(connection, order.id(), kind, detail, by, now);
        audit.append(connection, by, order.agency(), "order-" + kind, "order:" + order.id(), detail);
    }

    /** Marks an out-of-band (or failed) message delivered, inside the caller's transaction. */
    static boolean markDeliveredByHand(Connection connection, OutboxMessage m, Instant receipt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE order_outbox SET status = ?, "
                + "acknowledged_at = ?, acknowledgement = ?, claim_token = NULL, claimed_until = NULL "
                + "WHERE id = ? AND status IN (?, ?)")) {
            OrderStore.bind(update, 1, List.of(State.DELIVERED, receipt, "receipt recorded by the issuer", m.id(),
                    State.OUT_OF_BAND, State.FAILED));
            return update.executeUpdate() == 1;
        }
    }

    public List<OutboxMessage> messages(long orderId) {
        return database.inTransaction(connection -> messages(connection, orderId));
    }

    static List<OutboxMessage> messages(Connection connection, long orderId) throws SQLException {
        return select(connection, "m.order_id = ?", orderId);
    }

    static Optional<OutboxMessage> message(Connection connection, long orderId, Kind kind) throws SQLException {
        List<OutboxMessage> found = select(connection, "m.order_id = ? AND m.kind = ?", orderId, kind);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The orders' own messages (not copies) that were held under {@code holdTag}, whatever became of them. */
    public List<OutboxMessage> orderMessagesTagged(String holdTag) {
        return database.inReadTransaction(connection -> select(connection, "m.hold_tag = ? AND m.kind = ?", holdTag,
                Kind.ORDER));
    }

    /** Counts by state, for operations and the action day's board. */
    public java.util.Map<State, Integer> counts() {
        return database.inTransaction(connection -> {
            java.util.Map<State, Integer> out = new java.util.EnumMap<>(State.class);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT status, COUNT(*) FROM order_outbox GROUP BY status");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.put(State.valueOf(rows.getString(1)), rows.getInt(2));
                }
            }
            return out;
        });
    }

    private static OutboxMessage byId(Connection connection, long id) throws SQLException {
        return select(connection, "m.id = ?", id).getFirst();
    }

    private static String issuerOf(Connection connection, long orderId) throws SQLException {
        return OrderStore.load(connection, orderId).agency();
    }

    static List<OutboxMessage> select(Connection connection, String where, Object... values) throws SQLException {
        List<OutboxMessage> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT m.*, a.code AS recipient_code FROM "
                + "order_outbox m LEFT JOIN agency a ON a.id = m.recipient_id WHERE " + where + " ORDER BY m.id")) {
            OrderStore.bind(query, 1, java.util.Arrays.asList(values));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new OutboxMessage(rows.getLong("id"), rows.getLong("order_id"),
                            Kind.valueOf(rows.getString("kind")), Optional.ofNullable(rows.getString("recipient_code")),
                            Optional.ofNullable(rows.getString("endpoint")), rows.getString("idempotency_key"),
                            rows.getString("media_type"), rows.getString("payload"), State.valueOf(rows.getString("status")),
                            rows.getInt("attempts"), Timestamps.parse(rows.getString("next_attempt_at")),
                            Optional.ofNullable(rows.getString("last_error")), Timestamps.parse(rows.getString("created_at")),
                            Optional.ofNullable(Timestamps.parse(rows.getString("acknowledged_at"))),
                            Optional.ofNullable(rows.getString("acknowledgement")),
                            Optional.ofNullable(rows.getString("claim_token"))));
                }
            }
        }
        return out;
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.strip();
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}
