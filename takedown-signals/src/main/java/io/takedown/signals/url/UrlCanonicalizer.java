package io.takedown.signals.url;

import com.ibm.icu.text.IDNA;
import io.takedown.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One canonical spelling per link. Applied rules, each one a way outlets' links differ without pointing
 * elsewhere:
 * <ul>
 *   <li>scheme and host lower-cased; a missing scheme means {@code http}; only http(s) are accepted;</li>
 *   <li>internationalised host names to punycode (UTS #46, non-transitional), trailing dot removed;</li>
 *   <li>default ports (80, 443) and user info removed, fragment removed;</li>
 *   <li>path: dot segments resolved, empty path becomes {@code /}, percent-escapes upper-cased and
 *       unreserved characters decoded, other non-ASCII characters percent-encoded as UTF-8;</li>
 *   <li>query: tracking parameters removed ({@code utm_*}, {@code fbclid}, {@code gclid}, ...), the rest
 *       sorted by name (stable for repeated names), an empty query removed.</li>
 * </ul>
 * Host case, {@code www.} and trailing slashes on non-empty paths are kept: they can name other content.
 */
public final class UrlCanonicalizer {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ref_url", "si", "spm", "mkt_tok");
    private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI);
    private static final int MAX_LENGTH = 8192;

    private UrlCanonicalizer() {
    }

    public static String canonicalize(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException(null, "empty URL");
        }
        String trimmed = url.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidInputException(null, "URL longer than " + MAX_LENGTH + " characters");
        }
        if (!trimmed.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
            trimmed = "http://" + trimmed;
        }
        URI uri;
        try {
            uri = new URI(encodeIllegal(trimmed));
        } catch (URISyntaxException e) {
            throw new InvalidInputException(null, "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException(null, "only http and https URLs are link signals, got " + scheme);
        }
        String host = asciiHost(uri.getRawAuthority());
        int port = portOf(uri.getRawAuthority());
        boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(normalizePath(uri.getRawPath()));
        String query = normalizeQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    private static String asciiHost(String rawAuthority) {
        if (rawAuthority == null || rawAuthority.isEmpty()) {
            throw new InvalidInputException(null, "URL has no host");
        }
        String hostPort = rawAuthority.substring(rawAuthority.lastIndexOf('@') + 1);
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new InvalidInputException(null, "unterminated IPv6 address in URL");
            }
            return hostPort.substring(0, close + 1).toLowerCase(Locale.ROOT);
        }
        int colon = hostPort.lastIndexOf(':');
        host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        host = percentDecode(host);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new InvalidInputException(null, "URL has no host");
        }
        StringBuilder ascii = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        IDNA_UTS46.nameToASCII(host, ascii, info);
        if (info.hasErrors()) {
            throw new InvalidInputException(null, "invalid host name '" + host + "': " + info.getErrors());
        }
        String result = ascii.toString().toLowerCase(Locale.ROOT);
        // UTS #46 maps some characters to spaces or symbols without flagging them; a host is letters,
        // digits, hyphens, underscores and dots, or it is not a link we can match.
        if (!result.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
            throw new InvalidInputException(null, "invalid host name '" + host + "'");
        }
        return result;
    }

    private static int portOf(String rawAuthority) {
        String hostPort = rawAuthority.substring(rawAuthority.lastIndexOf('@') + 1);
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        if (colon <= close || colon == hostPort.length() - 1) {
            return -1;
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(null, "invalid port in URL: " + hostPort.substring(colon + 1));
        }
    }

    private static String normalizePath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        String[] parts = rawPath.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            // Escapes first: "%2E" is a dot and must be removed as one (RFC 3986, 6.2.2).
            String part = normalizeEscapes(parts[i]);
            if (part.equals(".")) {
                if (i == parts.length - 1) {
                    segments.add("");
                }
            } else if (part.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                }
                if (i == parts.length - 1) {
                    segments.add("");
                }
            } else {
                segments.add(part);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static String normalizeQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = normalizeEscapes(eq < 0 ? pair : pair.substring(0, eq));
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("utm_") || TRACKING.contains(lower)) {
                continue;
            }
            kept.add(new String[] {name, eq < 0 ? null : normalizeEscapes(pair.substring(eq + 1))});
        }
        kept.sort(Comparator.comparing((String[] p) -> p[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : kept) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]);
            if (p[1] != null) {
                out.append('=').append(p[1]);
            }
        }
        return out.toString();
    }

    /** Upper-cases escapes and decodes the ones that stand for unreserved characters (RFC 3986 6.2.2). */
    private static String normalizeEscapes(String component) {
        StringBuilder out = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%' && i + 2 < component.length() + 0 && isHex(component.charAt(i + 1))
                    && isHex(component.charAt(i + 2))) {
                int value = Integer.parseInt(component, i + 1, i + 3, 16);
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(Character.toUpperCase(component.charAt(i + 1)))
                            .append(Character.toUpperCase(component.charAt(i + 2)));
                }
                i += 2;
            } else if (c == '%') {
                out.append("%25");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Percent-encodes, as UTF-8, characters that {@link URI} refuses (spaces, non-ASCII letters). */
    private static String encodeIllegal(String url) {
        StringBuilder out = new StringBuilder(url.length());
        int fragment = url.indexOf('#');
        String body = fragment >= 0 ? url.substring(0, fragment) : url;
        int hostStart = body.indexOf("://") + 3;
        int hostEnd = hostStart;
        while (hostEnd < body.length() && "/?".indexOf(body.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        out.append(body, 0, hostEnd); // the host may be Unicode; IDNA handles it, not escaping
        for (byte b : body.substring(hostEnd).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (v <= 0x20 || v >= 0x7f || v == '"' || v == '<' || v == '>' || v == '\\' || v == '^' || v == '`'
                    || v == '{' || v == '|' || v == '}') {
                out.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(v & 15, 16)));
            } else {
                out.append((char) v);
            }
        }
        return out.toString();
    }

    private static String percentDecode(String host) {
        if (host.indexOf('%') < 0) {
            return host;
        }
        try {
            return java.net.URLDecoder.decode(host, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, "invalid escape in host name");
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
