package io.takedown.monitor.crawl;

import io.takedown.monitor.evidence.Exchange;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A small HTTP/1.1 client with kept-alive connections, for the range on loopback. It exists because the
 * JDK's client may not set {@code Host} (range names resolve through the range, not DNS) and because the
 * WARC record needs the response exactly as it arrived. Every address it connects to must be a loopback
 * address: code using it cannot reach beyond the machine even by mistake. Thread-safe.
 */
public final class LoopbackHttp implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;

    private final Route route;
    private final String userAgent;
    private final Clock clock;
    private final Map<InetSocketAddress, Deque<Connection>> idle = new ConcurrentHashMap<>();

    public LoopbackHttp(Route route, String userAgent, Clock clock) {
        this.route = route;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    /** One GET; redirects are not followed (each hop is its own capture). */
    public Exchange get(URI uri, FetchLimits limits) throws IOException {
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException("only http URLs with a host are fetched: " + uri);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        InetSocketAddress address = route.address(uri.getHost(), port);
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IOException("refusing to connect outside loopback: " + address);
        }
        byte[] request = request(uri, port);
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        Instant started = clock.instant();
        Connection reused = take(address);
        if (reused != null) {
            try {
                return exchange(reused, uri, started, request, limits, deadline, address);
            } catch (IOException stale) {
                reused.close(); // the server closed a kept-alive connection; one fresh try
            }
        }
        Connection fresh = Connection.open(address, limits);
        try {
            return exchange(fresh, uri, started, request, limits, deadline, address);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private byte[] request(URI uri, int port) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = (route.viaProxy() ? "http://" + uri.getRawAuthority() : "") + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost() + (port == 80 ? "" : ":" + port);
        return ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + userAgent
                + "\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private Exchange exchange(Connection connection, URI uri, Instant started, byte[] request, FetchLimits limits,
                              long deadline, InetSocketAddress address) throws IOException {
        connection.out.write(request);
        connection.out.flush();
        InputStream in = connection.in;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        String statusLine = line(in, head, deadline);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response from " + address + ": "
                    + statusLine.substring(0, Math.min(80, statusLine.length())));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + statusLine);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String header = line(in, head, deadline); !header.isEmpty(); header = line(in, head, deadline)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(header.substring(0, colon).trim(), header.substring(colon + 1).trim()));
            }
            if (headers.size() > 200) {
                throw new IOException("more than 200 response headers");
            }
        }
        String length = find(headers, "content-length");
        String encoding = find(headers, "transfer-encoding");
        boolean close = "close".equalsIgnoreCase(find(headers, "connection")) || parts[0].equals("HTTP/1.0");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated = false;
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = line(in, raw, deadline);
                long size;
                try {
                    size = Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + sizeLine);
                }
                if (size == 0) {
                    for (String trailer = line(in, raw, deadline); !trailer.isEmpty(); trailer = line(in, raw, deadline)) {
                        // trailers kept in the raw bytes only
                    }
                    break;
                }
                if (body.size() + size > limits.maxBytes()) {
                    truncated = true;
                    close = true;
                    copy(in, raw, body, limits.maxBytes() - body.size(), deadline);
                    break;
                }
                copy(in, raw, body, size, deadline);
                line(in, raw, deadline);
            }
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + length);
            }
            if (n > limits.maxBytes()) {
                truncated = true;
                close = true;
                n = limits.maxBytes();
            }
            copy(in, raw, body, n, deadline);
        } else if (status >= 200 && status != 204 && status != 304) {
            close = true; // body runs to the end of the connection
            truncated = copyToEnd(in, raw, body, limits.maxBytes(), deadline);
        }
        Exchange exchange = new Exchange(uri, started, address.getAddress().getHostAddress(), request, status,
                List.copyOf(headers), head.toByteArray(), raw.toByteArray(), body.toByteArray(), truncated);
        if (close) {
            connection.close();
        } else {
            idle.computeIfAbsent(address, a -> new ConcurrentLinkedDeque<>()).push(connection);
        }
        return exchange;
    }

    private Connection take(InetSocketAddress address) {
        Deque<Connection> pool = idle.get(address);
        return pool == null ? null : pool.poll();
    }

    private static String find(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String line(InputStream in, ByteArrayOutputStream raw, long deadline) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            raw.write(c);
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_HEAD) {
                throw new IOException("header line over " + MAX_HEAD + " bytes");
            }
        }
        checkDeadline(deadline);
        throw new IOException("connection closed in the middle of the response head");
    }

    private static void copy(InputStream in, ByteArrayOutputStream raw, ByteArrayOutputStream body, long n,
                             long deadline) throws IOException {
        byte[] buffer = new byte[(int) Math.min(64 * 1024, Math.max(1, n))];
        long left = n;
        while (left > 0) {
            checkDeadline(deadline);
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("connection closed after " + (n - left) + " of " + n + " body bytes");
            }
            raw.write(buffer, 0, read);
            body.write(buffer, 0, read);
            left -= read;
        }
    }

    private static boolean copyToEnd(InputStream in, ByteArrayOutputStream raw, ByteArrayOutputStream body,
                                     long max, long deadline) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            checkDeadline(deadline);
            int keep = (int) Math.min(read, max - body.size());
            raw.write(buffer, 0, keep);
            body.write(buffer, 0, keep);
            if (body.size() >= max) {
                return true;
            }
        }
        return false;
    }

    private static void checkDeadline(long deadline) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new SocketTimeoutException("fetch took longer than its time limit");
        }
    }

    @Override
    public void close() {
        idle.values().forEach(pool -> {
            for (Connection connection = pool.poll(); connection != null; connection = pool.poll()) {
                connection.close();
            }
        });
    }

    /** A socket with buffered streams. */
    private record Connection(Socket socket, InputStream in, OutputStream out) {
        static Connection open(InetSocketAddress address, FetchLimits limits) throws IOException {
            Socket socket = new Socket();
            try {
                int millis = (int) Math.min(Integer.MAX_VALUE, limits.timeout().toMillis());
                socket.connect(address, millis);
                socket.setSoTimeout(millis);
                socket.setTcpNoDelay(true);
                return new Connection(socket, new BufferedInputStream(socket.getInputStream(), 64 * 1024),
                        socket.getOutputStream());
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to keep
            }
        }
    }
}
