package io.takedown.range;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/1.1 client that resolves names through the range's own resolver (the JDK client cannot
 * take a resolver and may not set Host). It refuses any address outside 127.0.0.0/8, so code using it
 * cannot reach beyond the machine even by mistake.
 *
 * <p>With a TLS context it also fetches {@code https://} URLs: it sends the host name (SNI), checks the
 * chain against the context's trust (the range's authority) and, strictly by default, that the certificate
 * names the host. A lenient client ({@link #recordingNames}) still refuses an untrusted chain but accepts a
 * certificate issued for other names and says so in {@link Tls#namesHost()}: what an observer that records
 * certificates as evidence needs, since a site reusing another's certificate is exactly what it looks for.
 */
public final class RangeHttpClient {

    /** Largest body read, so a hostile or broken server cannot exhaust memory. */
    public static final int MAX_BODY = 32 << 20;

    /** Where a name is served, over HTTP or over HTTPS. */
    @FunctionalInterface
    public interface Resolver {
        Optional<InetSocketAddress> resolve(String host, boolean tls);
    }

    private final Resolver resolver;
    private final Optional<SSLContext> tls;
    private final boolean strictNames;

    /** A plain HTTP client; {@code https://} URLs are refused. */
    public RangeHttpClient(Function<String, Optional<InetSocketAddress>> resolver) {
        this((host, secure) -> secure ? Optional.empty() : resolver.apply(host), Optional.empty(), true);
    }

    /** HTTP and HTTPS; TLS trusts what {@code tls} trusts (the range's authority) and checks names strictly. */
    public RangeHttpClient(Resolver resolver, SSLContext tls) {
        this(resolver, Optional.of(tls), true);
    }

    private RangeHttpClient(Resolver resolver, Optional<SSLContext> tls, boolean strictNames) {
        this.resolver = resolver;
        this.tls = tls;
        this.strictNames = strictNames;
    }

    /** The same client accepting certificates that do not name the host (recorded in {@link Tls#namesHost()}). */
    public RangeHttpClient recordingNames() {
        return new RangeHttpClient(resolver, tls, false);
    }

    /** A response: status, lower-cased headers, body, and the TLS session when fetched over HTTPS. */
    public record Response(int status, Map<String, String> headers, byte[] body, Optional<Tls> tls) {
        public Response(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, Optional.empty());
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * What a TLS handshake showed: the server's certificate chain (its own first), the protocol, and whether
     * the certificate names the host asked for.
     */
    public record Tls(List<X509Certificate> chain, String protocol, boolean namesHost) {
        public Tls {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.getFirst();
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
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        if (!secure && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("not an http or https URL: " + url);
        }
        if (secure && tls.isEmpty()) {
            throw new IOException("this client has no TLS trust to fetch " + url);
        }
        InetSocketAddress address = host != null && host.startsWith("127.")
                ? new InetSocketAddress(host, uri.getPort() < 0 ? (secure ? 443 : 80) : uri.getPort())
                : resolver.resolve(host, secure).orElseThrow(() -> new IOException("not a range address: " + host));
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IOException("refusing to connect outside loopback: " + address);
        }
        try (Socket plain = new Socket()) {
            plain.connect(address, 5_000);
            plain.setSoTimeout(15_000);
            Socket socket = plain;
            Optional<Tls> session = Optional.empty();
            if (secure) {
                SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, host, address.getPort(), true);
                if (!host.startsWith("127.")) {
                    SSLParameters parameters = ssl.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                    ssl.setSSLParameters(parameters);
                }
                ssl.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : ssl.getSession().getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
                boolean names = names(chain.getFirst(), host);
                if (!names && strictNames) {
                    throw new SSLPeerUnverifiedException("the certificate of " + address + " does not name " + host);
                }
                session = Optional.of(new Tls(chain, ssl.getSession().getProtocol(), names));
                socket = ssl;
            }
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
            Response response = read(socket.getInputStream());
            return new Response(response.status(), response.headers(), response.body(), session);
        }
    }

    /** Whether the certificate's alternative names cover {@code host} (DNS names, one-label wildcards, IPs). */
    static boolean names(X509Certificate certificate, String host) {
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives == null) {
                return false;
            }
            String wanted = host.toLowerCase(Locale.ROOT);
            for (List<?> alternative : alternatives) {
                int type = (Integer) alternative.get(0);
                String name = String.valueOf(alternative.get(1)).toLowerCase(Locale.ROOT);
                if (type == 7 && name.equals(wanted)) {
                    return true;
                }
                if (type == 2 && (name.equals(wanted) || name.startsWith("*.")
                        && wanted.indexOf('.') > 0 && wanted.substring(wanted.indexOf('.')).equals(name.substring(1)))) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException e) {
            return false;
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
