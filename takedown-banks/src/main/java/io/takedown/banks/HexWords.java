package io.takedown.banks;

import java.nio.charset.StandardCharsets;

/**
 * A 256-bit value written as 64 lowercase hex digits (PDQ, SHA-256), held as four words in writing order: the
 * first word is the first sixteen digits. Words compared unsigned, in order, sort as the strings do.
 */
final class HexWords {

    private static final byte[] DIGITS = new byte[128];
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    static {
        java.util.Arrays.fill(DIGITS, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            DIGITS[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            DIGITS[c] = (byte) (c - 'a' + 10);
        }
    }

    private HexWords() {
    }

    /** Reads {@code value} into {@code into[at..at+3]} if it is 64 lowercase hex digits; false (untouched) if not. */
    static boolean read(String value, long[] into, int at) {
        if (value.length() != 64) {
            return false;
        }
        long[] words = new long[4];
        for (int w = 0; w < 4; w++) {
            long word = 0;
            for (int i = 16 * w; i < 16 * w + 16; i++) {
                char c = value.charAt(i);
                int digit = c < 128 ? DIGITS[c] : -1;
                if (digit < 0) {
                    return false;
                }
                word = word << 4 | digit;
            }
            words[w] = word;
        }
        System.arraycopy(words, 0, into, at, 4);
        return true;
    }

    /** The 64 digits of {@code words[at..at+3]}. */
    static String write(long[] words, int at) {
        byte[] out = new byte[64];
        for (int w = 0; w < 4; w++) {
            long word = words[at + w];
            for (int i = 15; i >= 0; i--) {
                out[16 * w + i] = HEX[(int) (word & 0xF)];
                word >>>= 4;
            }
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Compares the values at {@code a} and {@code b} as their digit strings compare. */
    static int compare(long[] words, int a, int b) {
        for (int w = 0; w < 4; w++) {
            int c = Long.compareUnsigned(words[a + w], words[b + w]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
