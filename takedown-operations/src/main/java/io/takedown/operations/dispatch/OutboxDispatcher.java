package io.takedown.operations.dispatch;

import io.takedown.cases.ReferralService;
import io.takedown.core.TakedownException;
import io.takedown.operations.plan.TargetKind;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderOutbox;
import io.takedown.orders.OrderService;
import io.takedown.orders.OutboxMessage;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The strike on the order workflow's transactional outbox: every fired order is signed and queued through
 * {@link OrderService#send} (so the hour runs from the provider's acknowledged receipt, and each delivery
 * carries its idempotency key), then one relay claims every due message at once and delivers them all
 * concurrently ({@link OrderDelivery#deliverAtOnce}); failures are retried with backoff by the relay later and
 * recorded when they give up. A strike killed anywhere resumes: queued messages are delivered again under
 * the same key once their lease runs out, and the provider acts once.
 */
public final class OutboxDispatcher implements Dispatcher {

    /** Requests in flight to one provider's endpoint at most. */
    public static final int PER_ENDPOINT = 8;

    private final OrderService orders;
    private final ReferralService referrals;
    private final OrderOutbox outbox;
    private final Transport transport;
    private final DeliverySettings settings;
    private final Clock clock;

    /** Delivers with {@code transport} (HTTPS from {@code settings} in production, a fake in tests). */
    public OutboxDispatcher(OrderService orders, ReferralService referrals, OrderOutbox outbox, Transport transport,
                            DeliverySettings settings, Clock clock) {
        this.orders = orders;
        this.referrals = referrals;
        this.outbox = outbox;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<ShotResult> fire(List<Shot> shots) {
        List<ShotResult> results = new ArrayList<>(shots.size());
        List<Shot> queued = new ArrayList<>(shots.size());
        for (Shot shot : shots) {
            long now = System.nanoTime();
            try {
                if (shot.kind() == TargetKind.ORDER) {
                    orders.send(shot.sender(), shot.documentId());
                    queued.add(shot);
                } else {
                    referrals.send(shot.sender(), shot.documentId());
                    results.add(new ShotResult(shot.targetId(), ShotResult.Outcome.ACKNOWLEDGED, now, now,
                            clock.instant(), "referral sent"));
                }
            } catch (RuntimeException e) {
                // An interrupted run, or a second run at the same time, may have handed this document over
                // already: then it is not a failure, and what became of it is the outbox's (or the referral's).
                if (shot.kind() == TargetKind.ORDER && orderMessage(shot).isPresent()) {
                    queued.add(shot);
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
        TimedTransport timed = new TimedTransport(transport, PER_ENDPOINT);
        new OrderDelivery(outbox, timed, settings, clock).deliverAtOnce(Integer.MAX_VALUE);
        for (Shot shot : queued) {
            Optional<OutboxMessage> message = orderMessage(shot);
            long now = System.nanoTime();
            Optional<TimedTransport.Timing> timing = message.flatMap(m -> timed.timing(m.idempotencyKey()));
            long sent = timing.map(TimedTransport.Timing::sentNanos).orElse(now);
            long answered = timing.map(TimedTransport.Timing::answeredNanos).orElse(now);
            ShotResult.Outcome outcome;
            String detail;
            if (message.isEmpty()) {
                outcome = ShotResult.Outcome.FAILED;
                detail = "no order in the outbox";
            } else {
                OutboxMessage m = message.get();
                switch (m.state()) {
                    case DELIVERED -> {
                        outcome = ShotResult.Outcome.ACKNOWLEDGED;
                        detail = m.acknowledgement().orElse("acknowledged");
                    }
                    case FAILED -> {
                        outcome = ShotResult.Outcome.FAILED;
                        detail = "delivery failed: " + m.lastError().orElse("");
                    }
                    case OUT_OF_BAND -> {
                        outcome = ShotResult.Outcome.QUEUED;
                        detail = "no endpoint: deliver out of band and record the receipt";
                    }
                    default -> {
                        outcome = ShotResult.Outcome.QUEUED;
                        detail = "queued, retrying with backoff: " + m.lastError().orElse("not yet delivered");
                    }
                }
            }
            results.add(new ShotResult(shot.targetId(), outcome, sent, answered, clock.instant(), detail));
        }
        return results;
    }

    /** The order itself in the outbox (not its procedures notice or the host state's copy). */
    private Optional<OutboxMessage> orderMessage(Shot shot) {
        return outbox.messages(shot.documentId()).stream().filter(m -> m.kind() == OutboxMessage.Kind.ORDER)
                .findFirst();
    }
}
