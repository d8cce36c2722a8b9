package io.takedown.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lowercase hexadecimal, the text form the hash-sharing ecosystem uses for every digest. */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** The SHA-256 of {@code bytes}, in hex. */
    public static String sha256(byte[] bytes) {
        try {
            return encode(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The SHA-256 of {@code text} in UTF-8, in hex. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes hex of exactly {@code expectedBytes} bytes (either case).
     *
     * @throws InvalidInputException when the text is not hex of that length
     */
    public static byte[] decode(String text, int expectedBytes) {
        if (text == null || text.length() != expectedBytes * 2) {
            throw new InvalidInputException(null, "expected " + expectedBytes * 2 + " hex digits, got "
                    + (text == null ? "nothing" : text.length() + " characters"));
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new InvalidInputException(null, "not a hex digit at position " + i + ": '" + text.charAt(i) + "'");
            }
        }
        return LOWER.parseHex(text);
    }

    /** True when the text is exactly {@code digits} hex digits. */
    public static boolean isHex(String text, int digits) {
        if (text == null || text.length() != digits) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
