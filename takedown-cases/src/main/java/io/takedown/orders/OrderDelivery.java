package io.takedown.orders;

import io.takedown.orders.OrderOutbox.Acknowledged;
import io.takedown.orders.OrderOutbox.NotDelivered;
import io.takedown.orders.OrderOutbox.Outcome;
import io.takedown.orders.delivery.DeliveryRefusedException;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay: claims due messages, delivers them concurrently (virtual threads, at most
 * {@link DeliverySettings#parallelism()} in flight) outside any database transaction, and completes them
 * in batches. Thread-safe; several relays (threads, processes, nodes) may run at once on one database.
 * An action day's bulk dispatch is {@code deliverPending} with a large {@code max}.
 */
public final class OrderDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OrderDelivery.class);

    /** Messages claimed per transaction by {@link #deliverPending}. */
    static final int BATCH = 256;
    /** Answers recorded per transaction at most. */
    static final int COMPLETE_BATCH = 1000;
    /** How long the recorder waits for the first answer of a batch before looking again. */
    static final long COMPLETE_WAIT_MILLIS = 50;

    private final OrderOutbox outbox;
    private final Transport transport;
    private final DeliverySettings settings;
    private final Clock clock;

    public OrderDelivery(OrderOutbox outbox, Transport transport, DeliverySettings settings, Clock clock) {
        this.outbox = outbox;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one run did. */
    public record Report(int claimed, int delivered, int retrying, int failed) {
        Report plus(Report other) {
            return new Report(claimed + other.claimed, delivered + other.delivered, retrying + other.retrying,
                    failed + other.failed);
        }
    }

    /** Delivers every due message of one order now (after a send or an approval). */
    public Report deliver(long orderId) {
        return run(Optional.of(orderId), Integer.MAX_VALUE);
    }

    /** Delivers up to {@code max} due messages of any order, {@link #BATCH} at a time. */
    public Report deliverPending(int max) {
        return run(Optional.empty(), max);
    }

    /**
     * Claims up to {@code max} due messages in one go and delivers them all concurrently (at most
     * {@link DeliverySettings#parallelism()} in flight): an action day's strike, where what matters is the
     * spread between the first and the last send, not the size of a batch.
     */
    public Report deliverAtOnce(int max) {
        List<OutboxMessage> claimed = outbox.claim(max, Optional.empty(), settings.lease());
        return claimed.isEmpty() ? new Report(0, 0, 0, 0) : deliverClaimed(claimed);
    }

    /**
     * Delivers messages this relay already holds the claim on (an action day's release at H-hour, see
     * {@link OrderStaging#release}) all at once, in flight together up to the transport's per-recipient limit,
     * and records the answers in batches of up to {@link #COMPLETE_BATCH} as they come, never one transaction
     * per message.
     */
    public Report deliverReleased(List<OutboxMessage> released) {
        List<OutboxMessage> due = released.stream().filter(m -> m.endpoint().isPresent() && m.claimToken().isPresent())
                .toList();
        return due.isEmpty() ? new Report(0, 0, 0, 0) : deliverClaimed(due, Math.max(settings.parallelism(), due.size()));
    }

    private Report run(Optional<Long> orderId, int max) {
        Report total = new Report(0, 0, 0, 0);
        int left = max;
        while (left > 0) {
            List<OutboxMessage> claimed = outbox.claim(Math.min(BATCH, left), orderId, settings.lease());
            if (claimed.isEmpty()) {
                break;
            }
            left -= claimed.size();
            total = total.plus(deliverClaimed(claimed));
        }
        return total;
    }

    private Report deliverClaimed(List<OutboxMessage> claimed) {
        return deliverClaimed(claimed, settings.parallelism());
    }

    private Report deliverClaimed(List<OutboxMessage> claimed, int parallelism) {
        List<Outcome> outcomes = new ArrayList<>(claimed.size());
        Semaphore inFlight = new Semaphore(parallelism);
        // A burst (everything in flight at once) is recorded once every request has left, so that the database
        // does not compete with the sends; a narrower relay records as the answers come.
        java.util.concurrent.CountDownLatch unsent = new java.util.concurrent.CountDownLatch(
                parallelism >= claimed.size() ? claimed.size() : 0);
        Completion completion = new Completion(unsent);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = new ArrayList<>(claimed.size());
            for (OutboxMessage message : claimed) {
                futures.add(threads.submit(() -> {
                    java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();
                    Runnable sent = () -> {
                        if (left.compareAndSet(false, true)) {
                            unsent.countDown();
                        }
                    };
                    Outcome outcome;
                    try {
                        inFlight.acquire();
                        try {
                            outcome = attempt(message, sent);
                        } finally {
                            inFlight.release();
                        }
                    } finally {
                        sent.run(); // never left (refused, failed to connect): it does not hold the recording back
                    }
                    completion.add(outcome);
                    return outcome;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                Outcome outcome;
                try {
                    outcome = futures.get(i).get();
                } catch (ExecutionException e) {
                    outcome = new NotDelivered(claimed.get(i), "internal error: " + e.getCause(), true);
                    completion.add(outcome);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome = new NotDelivered(claimed.get(i), "interrupted", true);
                    completion.add(outcome);
                }
                outcomes.add(outcome);
            }
        } finally {
            completion.finish();
        }
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Acknowledged) {
                delivered++;
            } else if (outcome instanceof NotDelivered n && n.retriable()
                    && outcome.message().attempts() + 1 < settings.maxAttempts()) {
                retrying++;
            } else {
                failed++;
            }
        }
        return new Report(claimed.size(), delivered, retrying, failed);
    }

    /** Answers recorded while deliveries are still in flight: a batch per transaction, as they come. */
    private final class Completion {
        private final java.util.concurrent.LinkedBlockingQueue<Outcome> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.CountDownLatch unsent;
        private final Thread writer;
        private volatile boolean finished;

        Completion(java.util.concurrent.CountDownLatch unsent) {
            this.unsent = unsent;
            this.writer = Thread.ofVirtual().name("outbox-completion").start(this::run);
        }

        void add(Outcome outcome) {
            queue.add(outcome);
        }

        void finish() {
            finished = true;
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            try {
                unsent.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Outcome> batch = new ArrayList<>(COMPLETE_BATCH);
            while (true) {
                boolean done = finished;
                try {
                    Outcome first = queue.poll(COMPLETE_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                        queue.drainTo(batch, COMPLETE_BATCH - 1);
                    }
                } catch (InterruptedException e) {
                    done = true;
                }
                if (!batch.isEmpty()) {
                    try {
                        outbox.complete(batch, attempt -> (int) settings.backoff(attempt).toSeconds(),
                                settings.maxAttempts());
                    } catch (RuntimeException e) {
                        // The claims stay; once the lease runs out the messages are delivered again under their
                        // idempotency keys and the recipients answer with their first receipt.
                        LOG.warn("could not record {} delivery outcome(s): {}", batch.size(), e.toString());
                    }
                    batch = new ArrayList<>(COMPLETE_BATCH);
                } else if (done && queue.isEmpty()) {
                    return;
                }
            }
        }
    }

    private Outcome attempt(OutboxMessage message, Runnable sent) {
        URI endpoint = URI.create(message.endpoint().orElseThrow());
        try {
            Transport.Response response = transport.post(endpoint, message.idempotencyKey(), message.mediaType(),
                    message.payload().getBytes(StandardCharsets.UTF_8), sent);
            if (response.acknowledged()) {
                return new Acknowledged(message, response.status(), response.body(), clock.instant());
            }
            return new NotDelivered(message, "HTTP " + response.status() + " " + response.body().strip(),
                    response.retriable());
        } catch (DeliveryRefusedException e) {
            return new NotDelivered(message, e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotDelivered(message, "interrupted", true);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("delivery of {} to {} failed", message.idempotencyKey(), endpoint, e);
            return new NotDelivered(message, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }
}
