package io.takedown.audit.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.takedown.audit.tlog.Note;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * A witness on loopback only (the project never listens beyond this machine): {@code POST /add-checkpoint}
 * and {@code GET /<origin hash>/checkpoint}, one virtual thread per request.
 */
public final class WitnessServer implements AutoCloseable {

    private final HttpServer server;

    private WitnessServer(HttpServer server) {
        this.server = server;
    }

    /** Binds 127.0.0.1:{@code port} (0 picks a free one) and starts serving {@code witness}. */
    public static WitnessServer start(Witness witness, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(witness, exchange);
            }
        });
        server.start();
        return new WitnessServer(server);
    }

    private static void handle(Witness witness, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/add-checkpoint")) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, new Witness.Response(405, "text/plain", "POST only\n"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(Note.MAX_BYTES + 1);
            }
            send(exchange, witness.addCheckpoint(body));
            return;
        }
        if (exchange.getRequestMethod().equals("GET") && path.matches("/[0-9a-f]{64}/checkpoint")) {
            Optional<Note> latest = witness.latestByHash(path.substring(1, 65));
            send(exchange, latest.map(n -> new Witness.Response(200, "text/plain; charset=utf-8", n.format()))
                    .orElse(new Witness.Response(404, "text/plain", "no checkpoint cosigned for this log\n")));
            return;
        }
        send(exchange, new Witness.Response(404, "text/plain", "not found\n"));
    }

    private static void send(HttpExchange exchange, Witness.Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The submission and monitoring prefix, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
