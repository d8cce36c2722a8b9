package io.takedown.operations.dispatch;

import io.takedown.cases.ReferralService;
import io.takedown.operations.plan.TargetKind;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderService;
import io.takedown.orders.RemovalOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fires every shot on its own virtual thread behind one start gate, each through the order workflow's own
 * send (sign and queue in the outbox) and the outbox relay (deliver, take the receipt from the provider's
 * 2xx acknowledgement, start the one-hour deadline), and the referral workflow's send. Concurrency is what
 * the workflow and the store allow; the gate makes the hand-over simultaneous.
 */
public final class WorkflowDispatcher implements Dispatcher {

    private final OrderService orders;
    private final ReferralService referrals;
    private final OrderDelivery delivery;
    private final Clock clock;

    public WorkflowDispatcher(OrderService orders, ReferralService referrals, OrderDelivery delivery, Clock clock) {
        this.orders = orders;
        this.referrals = referrals;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public List<ShotResult> fire(List<Shot> shots) {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<ShotResult>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Shot shot : shots) {
                futures.add(executor.submit(() -> {
                    gate.await();
                    return fire(shot);
                }));
            }
            gate.countDown();
            List<ShotResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    long now = System.nanoTime();
                    results.add(new ShotResult(shots.get(i).targetId(), false, now, now, clock.instant(),
                            String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while firing", e);
                }
            }
            return results;
        }
    }

    private ShotResult fire(Shot shot) {
        long sent = System.nanoTime();
        try {
            if (shot.kind() == TargetKind.ORDER) {
                orders.send(shot.sender(), shot.documentId());
                sent = System.nanoTime();
                delivery.deliver(shot.documentId());
                RemovalOrder order = orders.get(shot.sender(), shot.documentId());
                boolean received = order.receivedAt().isPresent();
                return new ShotResult(shot.targetId(), received, sent, System.nanoTime(),
                        order.receivedAt().orElse(clock.instant()), received ? "received, deadline "
                        + order.deadlineAt().orElseThrow() : "queued, not acknowledged yet (the relay retries)");
            }
            referrals.send(shot.sender(), shot.documentId());
            return new ShotResult(shot.targetId(), true, sent, System.nanoTime(), clock.instant(), "referral sent");
        } catch (RuntimeException e) {
            return new ShotResult(shot.targetId(), false, sent, System.nanoTime(), clock.instant(), e.getMessage());
        }
    }
}
