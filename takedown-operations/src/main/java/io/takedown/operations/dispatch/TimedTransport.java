package io.takedown.operations.dispatch;

import io.takedown.orders.delivery.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strike's transport: per idempotency key, when the request left and when its answer came
 * ({@link System#nanoTime()}), so the spread and the latencies are measured on real sends. The times are the
 * transport's own when it measures them (the HTTPS transport notes when the connection took the body), else
 * taken around the call.
 */
final class TimedTransport implements Transport {

    /** When one delivery attempt started and ended. */
    record Timing(long sentNanos, long answeredNanos) {
    }

    private final Transport delegate;
    private final Map<String, Timing> timings = new ConcurrentHashMap<>();

    TimedTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body)
            throws IOException, InterruptedException {
        return post(endpoint, idempotencyKey, mediaType, body, () -> { });
    }

    @Override
    public Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body, Runnable onSent)
            throws IOException, InterruptedException {
        long called = System.nanoTime();
        Response response = null;
        try {
            response = delegate.post(endpoint, idempotencyKey, mediaType, body, onSent);
            return response;
        } finally {
            long now = System.nanoTime();
            Timing timing = response != null && response.sentNanos() != 0
                    ? new Timing(response.sentNanos(), response.answeredNanos()) : new Timing(called, now);
            // The first attempt counts: it is the one that left at H-hour.
            timings.putIfAbsent(idempotencyKey, timing);
        }
    }

    @Override
    public Map<String, String> warm(Collection<URI> endpoints) {
        return delegate.warm(endpoints);
    }

    Optional<Timing> timing(String idempotencyKey) {
        return Optional.ofNullable(timings.get(idempotencyKey));
    }
}
