package io.takedown.orders;

import io.takedown.orders.delivery.Transport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A recipient in memory: answers what {@link #answer} says and counts deliveries per idempotency key. */
public final class FakeTransport implements Transport {

    /** One delivery as the recipient saw it. */
    public record Received(URI endpoint, String key, String body) {
    }

    public volatile Function<Received, Response> answer = r -> new Response(202, "{\"status\":\"accepted\"}");
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();

    @Override
    public Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body) {
        Received r = new Received(endpoint, idempotencyKey, new String(body, java.nio.charset.StandardCharsets.UTF_8));
        received.add(r);
        perKey.computeIfAbsent(idempotencyKey, k -> new AtomicInteger()).incrementAndGet();
        return answer.apply(r);
    }
}
