package io.takedown.operations.dispatch;

import io.takedown.cases.ReferralService;
import io.takedown.core.TakedownException;
import io.takedown.operations.plan.TargetKind;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderOutbox;
import io.takedown.orders.OrderService;
import io.takedown.orders.OrderStaging;
import io.takedown.orders.OutboxMessage;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The strike on the order workflow's transactional outbox. At the go each agency's orders were signed with
 * its own key and held in the outbox ({@link OrderService#stageAll}); ahead of H-hour {@link #prepare} loads
 * them and opens a connection to every recipient (TLS included, HTTP/2 where offered); inside the strike's
 * decision transaction {@link #release} takes back what does not fire and releases the rest in a few
 * set-based statements, claimed for this relay; then {@link #fire} sends every released order at once from
 * memory and the relay records the acknowledgements in batches as they come. The hour runs from each
 * provider's acknowledged receipt. An order that was not held (approved outside a go) is signed and queued
 * through {@link OrderService#send} as before. A strike killed anywhere resumes: released messages are
 * delivered again under the same idempotency key once the dead relay's lease runs out, and the provider acts
 * once.
 */
public final class OutboxDispatcher implements Dispatcher {

    private final OrderService orders;
    private final ReferralService referrals;
    private final OrderOutbox outbox;
    private final OrderStaging staging;
    private final java.util.function.Supplier<? extends Transport> transports;
    private final boolean ownsTransport;
    private final DeliverySettings settings;
    private final Clock clock;

    private Transport transport;
    private long preparedFor = -1;
    private Map<Long, OutboxMessage> preloaded = Map.of();
    private Map<String, String> warmed = Map.of();
    private Optional<OrderStaging.Released> released = Optional.empty();
    private long releasedFor = -1;

    /** Delivers with {@code transport} (HTTPS from {@code settings} in production, a fake in tests). */
    public OutboxDispatcher(OrderService orders, ReferralService referrals, OrderOutbox outbox, OrderStaging staging,
                            Transport transport, DeliverySettings settings, Clock clock) {
        this(orders, referrals, outbox, staging, () -> transport, false, settings, clock);
    }

    /**
     * Opens a transport from {@code transports} for each strike (at {@link #prepare}, so its connections are warm
     * at H-hour) and closes it once every shot has a result: the strike's HTTP client lives for the strike.
     */
    public OutboxDispatcher(OrderService orders, ReferralService referrals, OrderOutbox outbox, OrderStaging staging,
                            java.util.function.Supplier<? extends Transport> transports, DeliverySettings settings,
                            Clock clock) {
        this(orders, referrals, outbox, staging, transports, true, settings, clock);
    }

    private OutboxDispatcher(OrderService orders, ReferralService referrals, OrderOutbox outbox, OrderStaging staging,
                             java.util.function.Supplier<? extends Transport> transports, boolean ownsTransport,
                             DeliverySettings settings, Clock clock) {
        this.orders = orders;
        this.referrals = referrals;
        this.outbox = outbox;
        this.staging = staging;
        this.transports = transports;
        this.ownsTransport = ownsTransport;
        this.settings = settings;
        this.clock = clock;
    }

    /** The transport of the strike under way, opened when there is none. */
    private synchronized Transport transport() {
        if (transport == null) {
            transport = transports.get();
        }
        return transport;
    }

    /** After a strike: a transport this dispatcher opened is closed, and the next strike prepares again. */
    private synchronized void finished() {
        if (ownsTransport && transport instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // its connections go with it; nothing was left to deliver through it
            }
        }
        if (ownsTransport) {
            transport = null;
            preparedFor = -1;
        }
    }

    /** The tag an action day's orders are held under. */
    public static String holdTag(long actionId) {
        return io.takedown.operations.plan.ActionDay.holdTag(actionId);
    }

    @Override
    public synchronized void prepare(long actionId) {
        Map<Long, OutboxMessage> held = new HashMap<>();
        Set<URI> endpoints = new HashSet<>();
        for (OutboxMessage m : staging.held(holdTag(actionId))) {
            held.put(m.id(), m);
            m.endpoint().map(URI::create).ifPresent(endpoints::add);
        }
        preloaded = held;
        warmed = transport().warm(endpoints);
        preparedFor = actionId;
    }

    @Override
    public synchronized boolean prepared(long actionId) {
        return preparedFor == actionId;
    }

    /** Per recipient origin, the protocol the warm-up agreed (or why it failed). */
    public synchronized Map<String, String> warmed() {
        return Map.copyOf(warmed);
    }

    @Override
    public synchronized void release(Connection connection, long actionId, Map<Long, String> notFired, String by,
                                     Instant now) throws SQLException {
        for (Map.Entry<Long, String> order : notFired.entrySet()) {
            staging.withdraw(connection, order.getKey(), order.getValue(), by, now);
        }
        released = Optional.of(staging.release(connection, holdTag(actionId), now, settings.lease(), by));
        releasedFor = actionId;
    }

    @Override
    public List<ShotResult> fire(List<Shot> shots) {
        try {
            return fireAll(shots);
        } finally {
            finished();
        }
    }

    private List<ShotResult> fireAll(List<Shot> shots) {
        List<ShotResult> results = new ArrayList<>(shots.size());
        TimedTransport timed = new TimedTransport(transport());
        OrderDelivery delivery = new OrderDelivery(outbox, timed, settings, clock);
        List<OutboxMessage> toSend = releasedMessages();
        Set<Long> releasedOrders = new HashSet<>();
        toSend.forEach(m -> releasedOrders.add(m.orderId()));
        // H-hour: everything released goes first, from memory.
        delivery.deliverReleased(toSend);

        List<Shot> sentAlone = new ArrayList<>();
        for (Shot shot : shots) {
            if (shot.kind() == TargetKind.ORDER && releasedOrders.contains(shot.documentId())) {
                continue;
            }
            long now = System.nanoTime();
            try {
                if (shot.kind() == TargetKind.ORDER) {
                    orders.send(shot.sender(), shot.documentId()); // not held at the go: signed and queued now
                    sentAlone.add(shot);
                } else {
                    referrals.send(shot.sender(), shot.documentId());
                    results.add(new ShotResult(shot.targetId(), ShotResult.Outcome.ACKNOWLEDGED, now, now,
                            clock.instant(), "referral sent"));
                }
            } catch (RuntimeException e) {
                // An interrupted run, or a second run at the same time, may have handed this document over
                // already: then it is not a failure, and what became of it is the outbox's (or the referral's).
                if (shot.kind() == TargetKind.ORDER && orderMessage(shot).isPresent()) {
                    continue; // followed below through its outbox message
                } else if (shot.kind() == TargetKind.REFERRAL && e instanceof TakedownException t
                        && t.kind() == TakedownException.Kind.CONFLICT) {
                    results.add(new ShotResult(shot.targetId(), ShotResult.Outcome.ACKNOWLEDGED, now, now,
                            clock.instant(), "referral sent before: " + e.getMessage()));
                } else {
                    results.add(new ShotResult(shot.targetId(), ShotResult.Outcome.FAILED, now, now, clock.instant(),
                            e.getMessage()));
                }
            }
        }
        // Orders queued alone, and whatever an interrupted strike left due.
        delivery.deliverAtOnce(Integer.MAX_VALUE);

        Map<Long, OutboxMessage> byOrder = new HashMap<>();
        long action;
        synchronized (this) {
            action = releasedFor;
        }
        if (action >= 0) {
            for (OutboxMessage m : outbox.orderMessagesTagged(holdTag(action))) {
                byOrder.put(m.orderId(), m);
            }
        }
        Set<Long> answered = new HashSet<>();
        results.forEach(r -> answered.add(r.targetId()));
        for (Shot shot : shots) {
            if (shot.kind() != TargetKind.ORDER || answered.contains(shot.targetId())) {
                continue;
            }
            Optional<OutboxMessage> message = Optional.ofNullable(byOrder.get(shot.documentId()))
                    .or(() -> outbox.messages(shot.documentId()).stream()
                            .filter(m -> m.kind() == OutboxMessage.Kind.ORDER).findFirst());
            results.add(result(shot, message, timed));
        }
        return results;
    }

    /** The order itself in the outbox (not its procedures notice or the host state's copy). */
    private Optional<OutboxMessage> orderMessage(Shot shot) {
        return outbox.messages(shot.documentId()).stream().filter(m -> m.kind() == OutboxMessage.Kind.ORDER)
                .findFirst();
    }

    /** What the release made due, as loaded ahead plus anything staged after {@link #prepare}. */
    private synchronized List<OutboxMessage> releasedMessages() {
        if (released.isEmpty() || released.get().messages() == 0) {
            return List.of();
        }
        OrderStaging.Released release = released.get();
        List<Long> ids = staging.claimedIds(release.claimToken());
        List<OutboxMessage> out = new ArrayList<>(ids.size());
        boolean missing = false;
        for (long id : ids) {
            OutboxMessage held = preloaded.get(id);
            if (held == null) {
                missing = true;
                break;
            }
            out.add(OrderStaging.asReleased(held, release));
        }
        return missing ? staging.claimed(release.claimToken()) : out;
    }

    private ShotResult result(Shot shot, Optional<OutboxMessage> message, TimedTransport timed) {
        long now = System.nanoTime();
        Optional<TimedTransport.Timing> timing = message.flatMap(m -> timed.timing(m.idempotencyKey()));
        long sent = timing.map(TimedTransport.Timing::sentNanos).orElse(now);
        long answered = timing.map(TimedTransport.Timing::answeredNanos).orElse(now);
        if (message.isEmpty()) {
            return new ShotResult(shot.targetId(), ShotResult.Outcome.FAILED, sent, answered, clock.instant(),
                    "no order in the outbox");
        }
        OutboxMessage m = message.get();
        return switch (m.state()) {
            case DELIVERED -> new ShotResult(shot.targetId(), ShotResult.Outcome.ACKNOWLEDGED, sent, answered,
                    clock.instant(), m.acknowledgement().orElse("acknowledged"));
            case FAILED -> new ShotResult(shot.targetId(), ShotResult.Outcome.FAILED, sent, answered, clock.instant(),
                    "delivery failed: " + m.lastError().orElse(""));
            case OUT_OF_BAND -> new ShotResult(shot.targetId(), ShotResult.Outcome.QUEUED, sent, answered,
                    clock.instant(), "no endpoint: deliver out of band and record the receipt");
            default -> new ShotResult(shot.targetId(), ShotResult.Outcome.QUEUED, sent, answered, clock.instant(),
                    "queued, retrying with backoff: " + m.lastError().orElse("not yet delivered"));
        };
    }
}
