package io.takedown.orders.delivery;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Map;

/** Posts one document to one endpoint. Implementations are thread-safe: a relay posts many at once. */
@FunctionalInterface
public interface Transport {

    /**
     * What the endpoint answered. Only a 2xx is an acknowledgement.
     *
     * @param sentNanos     {@link System#nanoTime()} when the request's body was handed to the connection (0 when
     *                      the transport does not measure it)
     * @param answeredNanos when the answer came back (0 when not measured)
     */
    record Response(int status, String body, long sentNanos, long answeredNanos) {

        public Response(int status, String body) {
            this(status, body, 0, 0);
        }

        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        /** Worth trying again later: network trouble aside, timeouts, throttling and server errors. */
        public boolean retriable() {
            return status == 408 || status == 425 || status == 429 || status >= 500;
        }
    }

    /**
     * Posts {@code body}; the same {@code idempotencyKey} on a retry lets the receiver act only once.
     *
     * @throws IOException when nothing usable came back (refused, reset, timed out, TLS failure)
     * @throws DeliveryRefusedException when the endpoint may not be contacted at all
     */
    Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body)
            throws IOException, InterruptedException;

    /**
     * As {@link #post(URI, String, String, byte[])}, calling {@code onSent} once the request has left (its body
     * handed to the connection), before the answer comes; transports that cannot tell call it just before.
     */
    default Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body, Runnable onSent)
            throws IOException, InterruptedException {
        onSent.run();
        return post(endpoint, idempotencyKey, mediaType, body);
    }

    /**
     * Opens the connections to {@code endpoints} now (TLS handshakes included), so that a burst later finds
     * them ready; returns per endpoint origin ({@code host:port}) the protocol agreed or why it failed.
     * Nothing is delivered. Transports without connections do nothing.
     */
    default Map<String, String> warm(Collection<URI> endpoints) {
        return Map.of();
    }
}
