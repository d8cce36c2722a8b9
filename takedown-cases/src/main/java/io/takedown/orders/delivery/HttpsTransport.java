package io.takedown.orders.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Delivery over HTTPS with the JDK's client: the TLS context trusts only the configured anchors (the
 * range's authority in tests and demos, a deployment's own otherwise), redirects are not followed, every
 * endpoint is checked against the allowlist first, and at most {@link #MAX_ANSWER} bytes of an answer are
 * read. One client serves every thread.
 */
public final class HttpsTransport implements Transport {

    public static final int MAX_ANSWER = 64 * 1024;

    private final HttpClient client;
    private final EndpointAllowlist allowlist;
    private final Duration timeout;

    public HttpsTransport(SSLContext tls, EndpointAllowlist allowlist, Duration timeout) {
        this.allowlist = allowlist;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).executor(Executors.newVirtualThreadPerTaskExecutor())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body)
            throws IOException, InterruptedException {
        allowlist.check(endpoint);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", mediaType).header("Idempotency-Key", idempotencyKey)
                .header("User-Agent", "takedown-order-delivery")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return new Response(response.statusCode(), new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8));
        }
    }
}
