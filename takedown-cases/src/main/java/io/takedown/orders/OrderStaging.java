package io.takedown.orders;

import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.Agency;
import io.takedown.cases.Directory;
import io.takedown.orders.OutboxMessage.Kind;
import io.takedown.orders.OutboxMessage.State;
import io.takedown.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Orders signed and queued ahead of an action day's H-hour, so that H-hour only releases them.
 *
 * <p>At the go ({@link OrderService#stageAll}) each order is signed with its issuing authority's key and its
 * outbox messages are written HELD under a tag, in batched transactions; the order stays APPROVED and no clock
 * runs. At H-hour, {@link #release} makes every held message of the tag due and claims it for the caller's
 * relay, and marks the orders QUEUED, in a handful of set-based statements inside the strike's decision
 * transaction: nothing is signed and nothing is written per order on the way to the first send. A message
 * that must not go (its target did not fire) is {@link #withdraw withdrawn} first. The hour still runs from
 * each provider's acknowledged receipt.
 */
public final class OrderStaging {

    private final Database database;
    private final AuditLog audit;

    public OrderStaging(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** What a release did: the relay's claim on the released messages, and when. */
    public record Released(String claimToken, Instant at, Instant claimedUntil, int orders, int messages) {
    }

    /** Signs one approved order and writes its messages HELD under {@code holdTag}; the caller's transaction. */
    static String stage(Connection connection, RemovalOrder order, Signer signer, String holdTag, Instant now)
            throws SQLException {
        if (!OrderOutbox.messages(connection, order.id()).stream().filter(m -> m.kind() != Kind.PROCEDURES).toList()
                .isEmpty()) {
            return null; // staged already (a go resumed after an interruption)
        }
        String signed = OrderJws.sign(signer, OrderJws.ORDER, order.document());
        OrderStore.compareAndSet(connection, order.id(), OrderStatus.APPROVED, "signature = ?", signed);
        Optional<String> tag = Optional.of(holdTag);
        OrderOutbox.enqueue(connection, order.id(), Kind.ORDER, Directory.agency(connection, order.provider()),
                OrderService.envelope("order", signed), now, tag);
        String detail = "signed (" + signer.keyId() + ") and held for release at H-hour (" + holdTag + ")";
        if (order.crossBorder()) {
            Optional<Agency> host = Directory.competentAuthority(connection, order.providerCountry());
            OrderOutbox.enqueue(connection, order.id(), Kind.SCRUTINY_COPY, host, OrderService.envelope("copy", signed),
                    now, tag);
            detail += "; copy for the competent authority of " + order.providerCountry() + " held with it (Art. 4(1))";
        }
        return detail;
    }

    /**
     * Releases one held order alone (a plain {@code order send} of a staged order): its messages become due
     * now, or wait out of band when the recipient has no endpoint. False when nothing was held.
     */
    static boolean releaseOne(Connection connection, long orderId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE order_outbox SET status = CASE WHEN "
                + "endpoint IS NULL THEN ? ELSE ? END, created_at = ?, next_attempt_at = ? WHERE order_id = ? "
                + "AND status = ?")) {
            OrderStore.bind(update, 1, List.of(State.OUT_OF_BAND, State.PENDING, now, now, orderId, State.HELD));
            return update.executeUpdate() > 0;
        }
    }

    /**
     * H-hour, inside the caller's transaction: every message held under {@code holdTag} becomes due, claimed
     * by a new token until {@code now + lease} (so the caller's relay delivers it at once, and another relay
     * only after a crash), and every order among them becomes QUEUED. One audit entry per issuing authority
     * records how many of its orders went and a digest of which; each order gets its event.
     */
    public Released release(Connection connection, String holdTag, Instant now, Duration lease, String by)
            throws SQLException {
        audit.lockHead(connection);
        Map<String, List<Long>> byIssuer = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.code, m.order_id FROM order_outbox m "
                + "JOIN removal_order o ON o.id = m.order_id JOIN agency a ON a.id = o.agency_id "
                + "WHERE m.hold_tag = ? AND m.status = ? AND m.kind = ? AND o.status = ? ORDER BY m.order_id")) {
            OrderStore.bind(query, 1, List.of(holdTag, State.HELD, Kind.ORDER, OrderStatus.APPROVED));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byIssuer.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
        }
        String orders = "SELECT order_id FROM order_outbox WHERE hold_tag = ? AND status = ? AND kind = ?";
        int queued;
        try (PreparedStatement update = connection.prepareStatement("UPDATE removal_order SET status = ?, queued_at = ? "
                + "WHERE status = ? AND id IN (" + orders + ")")) {
            OrderStore.bind(update, 1, List.of(OrderStatus.QUEUED, now, OrderStatus.APPROVED, holdTag, State.HELD,
                    Kind.ORDER));
            queued = update.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO order_event (order_id, kind, detail, "
                + "actor, at) SELECT order_id, 'sent', ?, ?, ? FROM order_outbox WHERE hold_tag = ? AND status = ? "
                + "AND kind = ?")) {
            OrderStore.bind(insert, 1, List.of("released at H-hour (" + holdTag + "): queued for delivery as signed at "
                    + "the go; the hour runs from receipt", by, now, holdTag, State.HELD, Kind.ORDER));
            insert.executeUpdate();
        }
        String token = UUID.randomUUID().toString();
        Instant until = now.plus(lease);
        int messages;
        try (PreparedStatement update = connection.prepareStatement("UPDATE order_outbox SET status = CASE WHEN "
                + "endpoint IS NULL THEN ? ELSE ? END, claim_token = CASE WHEN endpoint IS NULL THEN NULL ELSE ? END, "
                + "claimed_until = CASE WHEN endpoint IS NULL THEN NULL ELSE ? END, created_at = ?, next_attempt_at = ? "
                + "WHERE hold_tag = ? AND status = ?")) {
            OrderStore.bind(update, 1, java.util.Arrays.asList(State.OUT_OF_BAND, State.PENDING, token, until, now, now,
                    holdTag, State.HELD));
            messages = update.executeUpdate();
        }
        for (Map.Entry<String, List<Long>> issuer : byIssuer.entrySet()) {
            audit.append(connection, by, issuer.getKey(), "orders-released", "hold:" + holdTag, issuer.getValue().size()
                    + " order(s) of " + issuer.getKey() + " released at H-hour; order ids sha256 " + digest(issuer.getValue()));
        }
        return new Released(token, now, until, queued, messages);
    }

    /**
     * Takes a held order back before H-hour releases it (its target does not fire): its messages go, its
     * signature is cleared, it stays APPROVED; the caller's transaction. False when nothing was held.
     */
    public boolean withdraw(Connection connection, long orderId, String reason, String by, Instant now)
            throws SQLException {
        int removed;
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM order_outbox WHERE order_id = ? AND status = ?")) {
            OrderStore.bind(delete, 1, List.of(orderId, State.HELD));
            removed = delete.executeUpdate();
        }
        if (removed == 0) {
            return false;
        }
        OrderStore.compareAndSet(connection, orderId, OrderStatus.APPROVED, "signature = NULL");
        RemovalOrder order = OrderStore.load(connection, orderId);
        String detail = "held order withdrawn, not sent: " + reason;
        OrderStore.event(connection, orderId, "withdrawn", detail, by, now);
        audit.append(connection, by, order.agency(), "order-withdrawn", "order:" + orderId, detail);
        return true;
    }

    /** Every message held under {@code holdTag}, to load and connect ahead of H-hour. */
    public List<OutboxMessage> held(String holdTag) {
        return database.inReadTransaction(connection -> OrderOutbox.select(connection, "m.hold_tag = ? AND m.status = ?",
                holdTag, State.HELD));
    }

    /** Every message a release (or a relay) claimed under {@code claimToken}. */
    public List<OutboxMessage> claimed(String claimToken) {
        return database.inReadTransaction(connection -> OrderOutbox.select(connection, "m.claim_token = ?", claimToken));
    }

    /** Ids of the messages claimed under {@code claimToken} (cheap: to find what was not loaded ahead). */
    public List<Long> claimedIds(String claimToken) {
        return database.inReadTransaction(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM order_outbox WHERE claim_token = ? ORDER BY id")) {
                query.setString(1, claimToken);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** The held message as the release left it: due now, claimed by the releasing relay. */
    public static OutboxMessage asReleased(OutboxMessage held, Released release) {
        return new OutboxMessage(held.id(), held.orderId(), held.kind(), held.recipient(), held.endpoint(),
                held.idempotencyKey(), held.mediaType(), held.payload(), held.endpoint().isPresent() ? State.PENDING
                : State.OUT_OF_BAND, held.attempts(), release.at(), held.lastError(), release.at(), held.acknowledgedAt(),
                held.acknowledgement(), held.endpoint().map(e -> release.claimToken()));
    }

    private static String digest(List<Long> ids) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long id : ids) {
                sha.update((id + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
