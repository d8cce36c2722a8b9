package io.takedown.range;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A minimal HTTP/1.1 client that resolves names through the range's own resolver (the JDK client cannot
 * take a resolver and may not set Host). It refuses any address outside 127.0.0.0/8, so code using it
 * cannot reach beyond the machine even by mistake.
 */
public final class RangeHttpClient {

    /** Largest body read, so a hostile or broken server cannot exhaust memory. */
    public static final int MAX_BODY = 32 << 20;

    private final Function<String, Optional<InetSocketAddress>> resolver;

    public RangeHttpClient(Function<String, Optional<InetSocketAddress>> resolver) {
        this.resolver = resolver;
    }

    /** A response: status, lower-cased headers, body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response get(String url) throws IOException {
        return send("GET", url, null, null);
    }

    public Response post(String url, String contentType, byte[] body) throws IOException {
        return send("POST", url, contentType, body);
    }

    private Response send(String method, String url, String contentType, byte[] body) throws IOException {
        URI uri = URI.create(url);
        String host = uri.getHost();
        InetSocketAddress address = host != null && host.startsWith("127.")
                ? new InetSocketAddress(host, uri.getPort() < 0 ? 80 : uri.getPort())
                : resolver.apply(host).orElseThrow(() -> new IOException("not a range address: " + host));
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IOException("refusing to connect outside loopback: " + address);
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringBuilder request = new StringBuilder(method).append(' ').append(path)
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\nConnection: close\r\nUser-Agent: takedown-range\r\n");
            if (body != null) {
                request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            long n = Long.parseLong(length);
            if (n > MAX_BODY) {
                throw new IOException("response of " + n + " bytes is over the limit");
            }
            body.write(in.readNBytes((int) n));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                if (body.size() + size > MAX_BODY) {
                    throw new IOException("response over the limit");
                }
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readNBytes(MAX_BODY));
        }
        return new Response(status, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() > 16_384) {
                throw new IOException("header line too long");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
