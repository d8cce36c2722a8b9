package io.takedown.signals.pdq;

import io.takedown.core.InvalidInputException;

/**
 * A 256-bit PDQ hash. Bit {@code k} (0..255) is set when DCT coefficient {@code k = 16*row + column} is
 * above the median. The text form is the 256-bit number in big-endian hex, 64 lowercase digits: the form
 * the C++ reference, HMA and ThreatExchange print.
 */
public record PdqHash(long w0, long w1, long w2, long w3) implements Comparable<PdqHash> {

    public static final int BITS = 256;
    public static final int HEX_DIGITS = 64;
    public static final PdqHash ZERO = new PdqHash(0, 0, 0, 0);

    /** Parses 64 hex digits (either case). */
    public static PdqHash fromHex(String hex) {
        if (hex == null || hex.length() != HEX_DIGITS) {
            throw new InvalidInputException(null, "a PDQ hash is 64 hex digits, got "
                    + (hex == null ? "nothing" : hex.length() + " characters"));
        }
        long[] words = new long[4];
        for (int word = 0; word < 4; word++) {
            int start = (3 - word) * 16;
            long value = 0;
            for (int i = start; i < start + 16; i++) {
                int digit = Character.digit(hex.charAt(i), 16);
                if (digit < 0) {
                    throw new InvalidInputException(null, "not a hex digit at position " + i + " of a PDQ hash");
                }
                value = (value << 4) | digit;
            }
            words[word] = value;
        }
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    /** Builds a hash from its four 64-bit words, least significant first. */
    public static PdqHash ofWords(long[] words) {
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    public long word(int index) {
        return switch (index) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    public boolean bit(int k) {
        return ((word(k >>> 6) >>> (k & 63)) & 1L) != 0;
    }

    public int hammingDistance(PdqHash other) {
        return Long.bitCount(w0 ^ other.w0) + Long.bitCount(w1 ^ other.w1)
                + Long.bitCount(w2 ^ other.w2) + Long.bitCount(w3 ^ other.w3);
    }

    public int bitCount() {
        return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) + Long.bitCount(w3);
    }

    /** Flips bit {@code k}; used to make near-duplicates in tests and benchmarks. */
    public PdqHash flip(int k) {
        long[] words = {w0, w1, w2, w3};
        words[k >>> 6] ^= 1L << (k & 63);
        return ofWords(words);
    }

    public String toHex() {
        StringBuilder text = new StringBuilder(HEX_DIGITS);
        for (int word = 3; word >= 0; word--) {
            String digits = Long.toHexString(word(word));
            text.repeat('0', 16 - digits.length()).append(digits);
        }
        return text.toString();
    }

    @Override
    public int compareTo(PdqHash other) {
        for (int word = 3; word >= 0; word--) {
            int order = Long.compareUnsigned(word(word), other.word(word));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
