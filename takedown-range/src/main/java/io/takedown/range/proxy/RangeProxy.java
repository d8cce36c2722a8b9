package io.takedown.range.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A forward HTTP proxy on loopback for the range: ordinary tools (GNU wget, curl, a browser) set it as
 * their {@code http_proxy} and reach range names without touching {@code /etc/hosts} or DNS. It takes
 * absolute-form requests ({@code GET http://outlet.test/x HTTP/1.1}), resolves the name with the range's
 * own resolver and forwards over kept-alive loopback connections. Names outside the range get 502, CONNECT
 * gets 405: nothing leaves the machine.
 */
public final class RangeProxy implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;
    private static final long MAX_BODY = 256L << 20;

    private final Function<String, Optional<InetSocketAddress>> resolver;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private ServerSocket server;

    public RangeProxy(Function<String, Optional<InetSocketAddress>> resolver) {
        this.resolver = resolver;
    }

    /** Binds 127.0.0.1 on {@code port} (0: any free port) and starts accepting. */
    public RangeProxy start(int port) throws IOException {
        server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        executor.submit(this::acceptLoop);
        return this;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                executor.submit(() -> serve(client));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        Map<InetSocketAddress, Socket> upstreams = new HashMap<>();
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                Map<String, String> headers = new HashMap<>();
                ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    headers.put(name, header.substring(colon + 1).trim());
                    if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("host")
                            && !name.equals("keep-alive")) {
                        forwarded.writeBytes((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                String[] parts = requestLine.split(" ");
                if (parts.length != 3) {
                    respond(out, 400, "bad request line");
                    return;
                }
                if (parts[0].equalsIgnoreCase("CONNECT")) {
                    respond(out, 405, "the range proxy does not tunnel");
                    continue;
                }
                URI uri;
                try {
                    uri = URI.create(parts[1]);
                } catch (IllegalArgumentException e) {
                    respond(out, 400, "bad URL");
                    continue;
                }
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    respond(out, 400, "send absolute http URLs to a proxy");
                    continue;
                }
                Optional<InetSocketAddress> target = resolver.apply(uri.getHost().toLowerCase(Locale.ROOT));
                if (target.isEmpty() || !target.get().getAddress().isLoopbackAddress()) {
                    respond(out, 502, "not a range name: " + uri.getHost());
                    continue;
                }
                long bodyLength = Long.parseLong(headers.getOrDefault("content-length", "0"));
                byte[] body = in.readNBytes((int) Math.min(bodyLength, MAX_BODY));
                String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                byte[] request = (parts[0] + " " + path + " HTTP/1.1\r\nHost: " + uri.getRawAuthority() + "\r\n"
                        + forwarded.toString(StandardCharsets.ISO_8859_1) + "Connection: keep-alive\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                boolean keep = !"close".equalsIgnoreCase(headers.get("connection"))
                        && !(parts[2].equals("HTTP/1.0") && !"keep-alive".equalsIgnoreCase(headers.get("connection")));
                if (!forward(upstreams, target.get(), request, body, parts[0], out, true)) {
                    respond(out, 502, "range host did not answer");
                }
                out.flush();
                if (!keep) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            upstreams.values().forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
            });
        }
    }

    /** Sends one request upstream and copies the response; retries once on a stale kept-alive connection. */
    private boolean forward(Map<InetSocketAddress, Socket> upstreams, InetSocketAddress target, byte[] request,
                            byte[] body, String method, OutputStream out, boolean retry) throws IOException {
        Socket upstream = upstreams.get(target);
        boolean reused = upstream != null;
        if (upstream == null) {
            upstream = new Socket();
            upstream.connect(target, 5_000);
            upstream.setSoTimeout(30_000);
            upstream.setTcpNoDelay(true);
            upstreams.put(target, upstream);
        }
        try {
            OutputStream up = upstream.getOutputStream();
            up.write(request);
            up.write(body);
            up.flush();
            InputStream in = new BufferedInputStream(upstream.getInputStream(), 64 * 1024);
            String status = line(in);
            if (status == null) {
                throw new IOException("upstream closed");
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((status + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:")) {
                    close = lower.contains("close");
                    continue;
                }
                head.writeBytes((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (length < 0 && !chunked) {
                // Body to the end of the connection: read it all, then send it with a length.
                byte[] rest = method.equals("HEAD") ? new byte[0] : in.readNBytes((int) MAX_BODY);
                head.writeBytes(("Content-Length: " + rest.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(head.toByteArray());
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.write(rest);
                close = true;
            } else {
                out.write(head.toByteArray());
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (!method.equals("HEAD")) {
                    if (chunked) {
                        copyChunked(in, out);
                    } else {
                        copy(in, out, length);
                    }
                }
            }
            // The buffered reader may hold bytes of nothing (responses are read whole), so the socket is reusable.
            if (close) {
                upstream.close();
                upstreams.remove(target);
            }
            return true;
        } catch (IOException e) {
            upstream.close();
            upstreams.remove(target);
            if (reused && retry) {
                return forward(upstreams, target, request, body, method, out, false);
            }
            return false;
        }
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("upstream closed mid-body");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("upstream closed mid-body");
            }
            out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long n = Long.parseLong(size.split(";")[0].trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            copy(in, out, n);
            line(in);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void respond(OutputStream out, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + (status == 502 ? "Bad Gateway" : status == 405 ? "Method Not Allowed"
                : "Bad Request") + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nX-Synthetic-Range: true\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** A header line without its CR LF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_HEAD) {
                throw new IOException("header line too long");
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        executor.shutdownNow();
    }
}
