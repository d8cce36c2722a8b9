package io.takedown.monitor.crawl;

import java.util.Locale;
import java.util.Optional;

/**
 * Names the common documents of a crawl (HTML pages, PNG/JPEG/GIF/WebP images) from their first bytes when
 * the server's declared type says the same thing. Tika's magic database walks hundreds of patterns per
 * document; a crawl is mostly pages and images, whose signatures are a few bytes. Anything else, or any
 * disagreement between the bytes and the declared type, is left to Tika: the bytes are still what decides.
 */
public final class FirstBytes {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private FirstBytes() {
    }

    /** The type, as Tika would name it, or empty when the bytes and the declared type do not plainly agree. */
    public static Optional<String> sniff(byte[] body, String declaredType) {
        String declared = base(declaredType);
        return switch (declared) {
            case "image/png" -> startsWith(body, 0, PNG) ? Optional.of(declared) : Optional.empty();
            case "image/jpeg" -> startsWith(body, 0, JPEG) ? Optional.of(declared) : Optional.empty();
            case "image/gif" -> ascii(body, 0, "GIF87a") || ascii(body, 0, "GIF89a") ? Optional.of(declared)
                    : Optional.empty();
            case "image/webp" -> ascii(body, 0, "RIFF") && ascii(body, 8, "WEBP") ? Optional.of(declared)
                    : Optional.empty();
            case "text/html" -> html(body) ? Optional.of(declared) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The type a file name's extension claims (for parts of mail and packages, which have no server), or "". */
    public static String typeOfName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 || dot < lower.lastIndexOf('/') ? "" : lower.substring(dot + 1);
        return switch (extension) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "html", "htm" -> "text/html";
            default -> "";
        };
    }

    private static String base(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** An HTML document opens with its doctype or its root element (after an optional BOM and blanks). */
    private static boolean html(byte[] body) {
        int i = startsWith(body, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}) ? 3 : 0;
        while (i < body.length && i < 1024 && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return asciiIgnoreCase(body, i, "<!doctype html") || asciiIgnoreCase(body, i, "<html");
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (body.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] body, int at, String text) {
        if (body.length < at + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (body[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiIgnoreCase(byte[] body, int at, String lower) {
        if (body.length < at + lower.length() + 1) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if (Character.toLowerCase((char) body[at + i]) != lower.charAt(i)) {
                return false;
            }
        }
        byte next = body[at + lower.length()]; // "<html" must not be the start of "<htmlfoo"
        return next == '>' || next == ' ' || next == '\t' || next == '\r' || next == '\n';
    }
}
