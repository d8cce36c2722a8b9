package io.takedown.infra.observe;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The favicon hash search engines index (Shodan's {@code http.favicon.hash}, also used by Censys and
 * others): MurmurHash3 x86 32-bit, seed 0, as a signed integer, not of the file's bytes but of their
 * base64 text in MIME layout (lines of 76 characters, each ending in {@code \n}, the last one too, with
 * {@code =} padding) as Python's {@code base64.encodebytes} writes it.
 */
public final class FaviconHash {

    private static final Base64.Encoder MIME = Base64.getMimeEncoder(76, new byte[] {'\n'});

    private FaviconHash() {
    }

    public static int of(byte[] favicon) {
        return MurmurHash3.hash32x86(base64Lines(favicon));
    }

    /** The bytes that are hashed: base64 in 76-character lines, every line ending in a newline. */
    static byte[] base64Lines(byte[] favicon) {
        if (favicon.length == 0) {
            return new byte[0]; // encodebytes(b"") is b""
        }
        return (MIME.encodeToString(favicon) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
