package io.takedown.range.https;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Many HTTPS endpoints, each on its own loopback address, served by one Jetty server: HTTP/2 when the client
 * offers it by ALPN (a sender then multiplexes every order to one provider over one connection), HTTP/1.1
 * otherwise. Each endpoint presents what its {@link SSLContext} chooses (the range's sites pick a certificate
 * per SNI name, see {@code io.takedown.range.infra.SiteCertificates}). The JDK's own HTTPS server speaks HTTP/1.1 only, which forces a sender to open a connection per
 * request in flight; real providers' gateways speak HTTP/2.
 */
public final class HttpsEndpoints implements AutoCloseable {

    /** Bytes of a request body read at most. */
    public static final int MAX_BODY = 64 * 1024;
    /** Streams a client may open at once on one connection. */
    public static final int MAX_STREAMS = 256;

    /** A request, whatever the protocol; {@code host} is the name the client asked for (Host, :authority). */
    public record Call(String method, String host, String path, Optional<String> idempotencyKey, byte[] body) {
    }

    /** An answer, whatever the protocol, with any headers beyond the content type. */
    public record Answer(int status, String type, byte[] body, Map<String, String> headers) {

        public Answer(int status, String type, byte[] body) {
            this(status, type, body, Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, type, body, Map.copyOf(more));
        }
    }

    /** Answers the calls of one endpoint. */
    @FunctionalInterface
    public interface Handler {
        Answer handle(Call call) throws IOException;
    }

    /**
     * Requests handled at once at most, over every endpoint: the simulated providers stand for machines
     * elsewhere, so on a small machine they take at most half of it and a sender on the same machine keeps the
     * rest (500 providers' worth of threads would otherwise starve it). Connections are still accepted, TLS is
     * still done and requests still read meanwhile; only the handling waits.
     */
    public static final int BUSY = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final java.util.concurrent.Semaphore busy = new java.util.concurrent.Semaphore(BUSY);
    private final Server server;
    private final Map<String, ServerConnector> connectors = new LinkedHashMap<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    /** For about {@code endpoints} endpoints (each holds one selector thread of the shared pool). */
    public HttpsEndpoints(int endpoints) {
        QueuedThreadPool pool = new QueuedThreadPool(endpoints + 256, 8);
        pool.setName("range-https");
        pool.setDaemon(true);
        server = new Server(pool);
        server.setHandler(new Dispatch());
        server.setStopTimeout(0);
    }

    /** Adds an endpoint named {@code name} on {@code address} (loopback only), port chosen by the system. */
    public void add(String name, String address, SSLContext tls, Handler handler) throws IOException {
        if (!InetAddress.getByName(address).isLoopbackAddress()) {
            throw new IllegalStateException("range endpoint " + name + " would bind " + address + ", not loopback");
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setSniRequired(false);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // clients address providers by IP, so there is no SNI to check
        config.addCustomizer(secure);
        HttpConnectionFactory http1 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
        http2.setMaxConcurrentStreams(MAX_STREAMS);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        SslConnectionFactory tlsFactory = new SslConnectionFactory(ssl, alpn.getProtocol());
        ServerConnector connector = new ServerConnector(server, 0, 1, tlsFactory, alpn, http2, http1);
        connector.setName(name);
        connector.setHost(address);
        connector.setPort(0);
        connector.setIdleTimeout(10 * 60_000L); // connections warmed before H-hour stay open until it
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        connectors.put(name, connector);
        handlers.put(name, handler);
    }

    public HttpsEndpoints start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("cannot start the range's HTTPS endpoints: " + e.getMessage(), e);
        }
        return this;
    }

    /** Where endpoint {@code name} listens. */
    public InetSocketAddress address(String name) {
        ServerConnector connector = connectors.get(name);
        if (connector == null) {
            throw new IllegalArgumentException("no endpoint " + name);
        }
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // A test fixture going away; nothing to recover.
        }
    }

    /** Routes each request to its endpoint's handler by the connector it came in on. */
    private final class Dispatch extends AbstractHandler {
        @Override
        public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            base.setHandled(true);
            Handler handler = handlers.get(base.getHttpChannel().getConnector().getName());
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(MAX_BODY);
            }
            Answer answer;
            busy.acquireUninterruptibly();
            try {
                answer = handler.handle(new Call(request.getMethod(), Optional.ofNullable(request.getServerName())
                        .orElse(""), request.getRequestURI(),
                        Optional.ofNullable(request.getHeader("Idempotency-Key")), body));
            } catch (RuntimeException e) {
                answer = new Answer(500, "text/plain", ("range error: " + e.getMessage() + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } finally {
                busy.release();
            }
            response.setStatus(answer.status());
            response.setContentType(answer.type());
            response.setHeader("X-Synthetic-Range", "true");
            answer.headers().forEach(response::setHeader);
            response.setContentLength(answer.body().length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(answer.body());
            }
        }
    }
}
