package io.takedown.orders.delivery;

import java.io.IOException;
import java.net.URI;

/** Posts one document to one endpoint. Implementations are thread-safe: a relay posts many at once. */
@FunctionalInterface
public interface Transport {

    /** What the endpoint answered. Only a 2xx is an acknowledgement. */
    record Response(int status, String body) {
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
}
