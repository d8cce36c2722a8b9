package io.takedown.monitor.evidence;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response as they crossed the wire: the bytes sent, the response head and body
 * as received (for the WARC record), and the body without transfer coding (for parsing and hashing).
 *
 * @param truncated the body was longer than the fetch limit and was cut
 */
public record Exchange(URI uri, Instant started, String address, byte[] request, int status,
                       List<Map.Entry<String, String>> headers, byte[] rawHead, byte[] rawBody, byte[] body,
                       boolean truncated) {

    public Optional<String> header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** The declared media type without parameters, lower case, or empty. */
    public String declaredType() {
        return header("content-type").map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    public boolean redirect() {
        return status >= 300 && status < 400 && header("location").isPresent();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
