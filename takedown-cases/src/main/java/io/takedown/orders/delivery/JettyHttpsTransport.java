package io.takedown.orders.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.dynamic.HttpClientTransportDynamic;
import org.eclipse.jetty.client.http.HttpClientConnectionFactory;
import org.eclipse.jetty.client.util.BytesRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.http.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Delivery over HTTPS with Jetty's client, under the same rules as {@link HttpsTransport}: TLS trusting only the
 * configured anchors (host names or addresses checked against the certificate), no redirects, the allowlist
 * checked before anything is sent, at most {@link HttpsTransport#MAX_ANSWER} bytes of an answer kept. HTTP/2 by
 * ALPN with every request to one recipient multiplexed over one connection, HTTP/1.1 otherwise (at most
 * {@link HttpsTransport#HTTP1_CONNECTIONS} connections).
 *
 * <p>Measured against the JDK's client on an action day's burst ({@code bench/dispatch-transport.sh}): Jetty's
 * client does less work per request (no chain of futures and executor hops per stream), which is what the
 * spread between the first and the last send of a strike is made of. It holds threads and selectors until
 * {@link #close}d.
 */
public final class JettyHttpsTransport implements Transport, AutoCloseable {

    /** OPTIONS per HTTP/2 recipient sent by {@link #warm} (the first opens the connection). */
    public static final int WARM_ROUNDS = 8;

    /** How long a connection without traffic stays open. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final HttpClient client;
    private final EndpointAllowlist allowlist;
    private final Duration timeout;
    private final int warmRounds;
    private final Recipients recipients = new Recipients();

    public JettyHttpsTransport(SSLContext tls, EndpointAllowlist allowlist, Duration timeout) {
        this(tls, allowlist, timeout, WARM_ROUNDS);
    }

    /** With {@code warmRounds} OPTIONS per HTTP/2 recipient in {@link #warm} (1: only the one that connects). */
    public JettyHttpsTransport(SSLContext tls, EndpointAllowlist allowlist, Duration timeout, int warmRounds) {
        this.allowlist = allowlist;
        this.timeout = timeout;
        this.warmRounds = Math.max(1, warmRounds);
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setSslContext(tls);
        ssl.setEndpointIdentificationAlgorithm("HTTPS");
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        connector.setSelectors(1);
        connector.setConnectTimeout(timeout);
        // Connections opened ahead of a burst (seconds to minutes before H-hour) stay open until it.
        connector.setIdleTimeout(IDLE);
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("order-delivery-https");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        HTTP2Client http2 = new HTTP2Client(connector);
        // HTTP/1.1 first: it is what a recipient gets when its server does not negotiate by ALPN at all (Jetty takes
        // the first protocol then); one that offers h2 by ALPN still gets h2.
        HttpClientTransportDynamic transport = new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(http2));
        client = new HttpClient(transport);
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setIdleTimeout(IDLE.toMillis());
        client.setMaxConnectionsPerDestination(HttpsTransport.HTTP1_CONNECTIONS);
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
        client.setUserAgentField(new org.eclipse.jetty.http.HttpField(org.eclipse.jetty.http.HttpHeader.USER_AGENT,
                "takedown-order-delivery"));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTPS client: " + e.getMessage(), e);
        }
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
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        Request request = client.newRequest(endpoint).method(HttpMethod.POST)
                .headers(h -> h.put("Idempotency-Key", idempotencyKey))
                .body(new BytesRequestContent(mediaType, body))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .onRequestCommit(r -> {
                    // The headers went onto the connection: the request has left.
                    sent.set(System.nanoTime());
                    onSent.run();
                });
        Semaphore lane = recipients.lane(endpoint);
        lane.acquire();
        try {
            Answer answer = exchange(request);
            long answered = System.nanoTime();
            recipients.answeredOver(endpoint, answer.version == HttpVersion.HTTP_2);
            return new Response(answer.status, answer.body, sent.get() == 0 ? answered : sent.get(), answered);
        } finally {
            lane.release();
        }
    }

    private record Answer(int status, String body, HttpVersion version) {
    }

    /** Sends and waits for the whole answer, keeping at most {@link HttpsTransport#MAX_ANSWER} bytes of it. */
    private static Answer exchange(Request request) throws IOException, InterruptedException {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        request.send(new org.eclipse.jetty.client.api.Response.Listener() {
            @Override
            public void onContent(org.eclipse.jetty.client.api.Response response, ByteBuffer content) {
                int room = HttpsTransport.MAX_ANSWER - kept.size();
                if (room > 0) {
                    byte[] bytes = new byte[Math.min(room, content.remaining())];
                    content.get(bytes);
                    kept.write(bytes, 0, bytes.length);
                }
                content.position(content.limit());
            }

            @Override
            public void onComplete(Result result) {
                if (result.isFailed()) {
                    done.completeExceptionally(result.getFailure());
                } else {
                    org.eclipse.jetty.client.api.Response response = result.getResponse();
                    done.complete(new Answer(response.getStatus(), kept.toString(StandardCharsets.UTF_8),
                            response.getVersion()));
                }
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            request.abort(e);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw new java.net.http.HttpTimeoutException("no answer in time: " + cause.getMessage());
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    public Map<String, String> warm(Collection<URI> endpoints) {
        Map<String, String> out = recipients.warm(endpoints, endpoint -> {
            allowlist.check(endpoint);
            // OPTIONS is safe and changes nothing at the recipient; any answer means connected.
            return exchange(client.newRequest(endpoint).method(HttpMethod.OPTIONS)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)).version == HttpVersion.HTTP_2;
        });
        runHot(Recipients.firstPerRecipient(endpoints).stream()
                .filter(e -> "h2".equals(out.get(Recipients.origin(e)))).toList());
        return out;
    }

    /**
     * A few more OPTIONS over every multiplexed connection, all at once: a burst from a fresh process (the CLI's
     * {@code strike --wait}) otherwise runs the client's request path interpreted and compiles it while sending,
     * which took most of the first burst's CPU time in the transport bench.
     */
    private void runHot(List<URI> endpoints) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 1; round < warmRounds; round++) {
                for (URI endpoint : endpoints) {
                    threads.submit(() -> {
                        Semaphore lane = recipients.lane(endpoint);
                        lane.acquire();
                        try {
                            exchange(client.newRequest(endpoint).method(HttpMethod.OPTIONS)
                                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
                        } catch (IOException | RuntimeException e) {
                            // connected already; an answer lost here changes nothing
                        } finally {
                            lane.release();
                        }
                        return null;
                    });
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping a client: nothing left to deliver
        }
    }
}
