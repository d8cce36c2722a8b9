package io.takedown.orders.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;

/**
 * Delivery over HTTPS with the JDK's client: the TLS context trusts only the configured anchors (the
 * range's authority in tests and demos, a deployment's own otherwise), redirects are not followed, every
 * endpoint is checked against the allowlist first, and at most {@link #MAX_ANSWER} bytes of an answer are
 * read. One client serves every thread.
 *
 * <p>HTTP/2 is offered by ALPN: a recipient that speaks it gets every document in flight multiplexed over one
 * kept-alive connection (up to {@link #HTTP2_STREAMS} at once), one that does not gets HTTP/1.1 with at most
 * {@link #HTTP1_CONNECTIONS} connections in flight, since a burst of parallel TLS handshakes to one small host is
 * slower than a few kept-alive connections and looks like an attack. {@link #warm} opens the connections
 * ahead of a burst.
 */
public final class HttpsTransport implements Transport {

    public static final int MAX_ANSWER = 64 * 1024;
    /** Requests in flight to one HTTP/2 recipient (below the streams a server commonly allows). */
    public static final int HTTP2_STREAMS = 100;
    /** Requests (so connections) in flight to one HTTP/1.1 recipient. */
    public static final int HTTP1_CONNECTIONS = 8;
    /** Connections opened at once by {@link #warm}: TLS handshakes are the expensive part. */
    static final int WARM_AT_ONCE = 16;

    private final HttpClient client;
    private final EndpointAllowlist allowlist;
    private final Duration timeout;
    private final Recipients recipients = new Recipients();

    public HttpsTransport(SSLContext tls, EndpointAllowlist allowlist, Duration timeout) {
        this.allowlist = allowlist;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).executor(Executors.newVirtualThreadPerTaskExecutor())
                .version(HttpClient.Version.HTTP_2).build();
    }

    @Override
    public Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body)
            throws IOException, InterruptedException {
        return post(endpoint, idempotencyKey, mediaType, body, () -> { });
    }

    @Override
    public Response post(URI endpoint, String idempotencyKey, String mediaType, byte[] body, Runnable onSent)
            throws IOException, InterruptedException {
        allowlist.check(endpoint);
        TimedBody timed = new TimedBody(HttpRequest.BodyPublishers.ofByteArray(body), onSent);
        // The answer's deadline is kept here rather than by the client (HttpRequest.timeout): the client keeps
        // its timers in one locked set, which ten thousand requests in flight at once contend on.
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", mediaType).header("Idempotency-Key", idempotencyKey)
                .header("User-Agent", "takedown-order-delivery")
                .POST(timed).build();
        Semaphore lane = recipients.lane(endpoint);
        lane.acquire();
        try {
            HttpResponse<InputStream> response = answer(client.sendAsync(request,
                    HttpResponse.BodyHandlers.ofInputStream()));
            long answered = System.nanoTime();
            recipients.answeredOver(endpoint, response.version() == HttpClient.Version.HTTP_2);
            try (InputStream in = response.body()) {
                return new Response(response.statusCode(), new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8),
                        timed.sentNanos == 0 ? answered : timed.sentNanos, answered);
            }
        } finally {
            lane.release();
        }
    }

    /** The answer within {@link #timeout}, else the request is cancelled (its stream reset) and times out. */
    private <T> HttpResponse<T> answer(java.util.concurrent.CompletableFuture<HttpResponse<T>> pending)
            throws IOException, InterruptedException {
        try {
            return pending.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new java.net.http.HttpTimeoutException("no answer within " + timeout);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public Map<String, String> warm(Collection<URI> endpoints) {
        return recipients.warm(endpoints, endpoint -> {
            allowlist.check(endpoint);
            // OPTIONS is safe and changes nothing at the recipient; any answer means connected.
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("User-Agent", "takedown-order-delivery").build(), HttpResponse.BodyHandlers.discarding());
            return response.version() == HttpClient.Version.HTTP_2;
        });
    }

    /** A body that notes when the connection first asked for it: when the request left. */
    private static final class TimedBody implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher delegate;
        private final Runnable onSent;
        private volatile long sentNanos;

        TimedBody(HttpRequest.BodyPublisher delegate, Runnable onSent) {
            this.delegate = delegate;
            this.onSent = onSent;
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            delegate.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                            if (sentNanos == 0) {
                                sentNanos = System.nanoTime();
                                onSent.run();
                            }
                            subscription.request(n);
                        }

                        @Override
                        public void cancel() {
                            subscription.cancel();
                        }
                    });
                }

                @Override
                public void onNext(ByteBuffer item) {
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }
}
