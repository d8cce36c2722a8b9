package io.takedown.operations.dispatch;

import io.takedown.orders.delivery.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The strike's transport: at most {@code perEndpoint} requests in flight to one endpoint (a burst of
 * parallel TLS handshakes to one small provider is slower than a few kept-alive connections, and it is what a
 * provider would see as an attack), and, per idempotency key, when the request left and when its answer came
 * ({@link System#nanoTime()}), so the spread and the latencies are measured on real sends.
 */
final class TimedTransport implements Transport {

    /** When one delivery attempt started and ended. */
    record Timing(long sentNanos, long answeredNanos) {
    }

    private final Transport delegate;
    private final int perEndpoint;
    private final Map<String, Semaphore> lanes = new ConcurrentHashMap<>();
    private final Map<String, Timing> timings = new ConcurrentHashMap<>();

    TimedTransport(Transport delegate, int perEndpoint) {
        this.delegate = delegate;
        this.perEndpoint = perEndpoint;
    }

    @Override
    public Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body)
            throws IOException, InterruptedException {
        Semaphore lane = lanes.computeIfAbsent(endpoint.getHost() + ":" + endpoint.getPort(),
                e -> new Semaphore(perEndpoint));
        lane.acquire();
        long sent = System.nanoTime();
        try {
            return delegate.post(endpoint, idempotencyKey, mediaType, body);
        } finally {
            // The first attempt counts: it is the one that left at H-hour.
            timings.putIfAbsent(idempotencyKey, new Timing(sent, System.nanoTime()));
            lane.release();
        }
    }

    Optional<Timing> timing(String idempotencyKey) {
        return Optional.ofNullable(timings.get(idempotencyKey));
    }
}
