package io.takedown.signals.text;

import io.takedown.core.Hex;
import io.takedown.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/**
 * A MinHash sketch of a text's 5-character shingles: {@value #SIZE} independent minima, each kept as its
 * low 16 bits (b-bit MinHash). The share of equal positions between two sketches estimates the Jaccard
 * similarity of the shingle sets with a standard error of at most 0.045; 16 bits make chance agreement
 * (1 in 65,536) negligible. Text form: {@value #HEX_DIGITS} lowercase hex digits, big-endian per value.
 */
public final class MinHash {

    public static final int SIZE = 128;
    public static final int SHINGLE = 5;
    public static final int HEX_DIGITS = SIZE * 4;

    private static final long[] SEEDS = new long[SIZE];

    static {
        long state = 0x7a6b5c4d3e2f1a0bL; // fixed forever: changing it changes every stored text signal
        for (int i = 0; i < SIZE; i++) {
            state += 0x9E3779B97F4A7C15L;
            SEEDS[i] = mix(state);
        }
    }

    private final char[] values;

    private MinHash(char[] values) {
        this.values = values;
    }

    /** Sketch of the tokens' shingles; tokens are joined by single spaces first. */
    public static MinHash of(List<String> tokens) {
        String joined = String.join(" ", tokens);
        long[] minima = new long[SIZE];
        Arrays.fill(minima, Long.MAX_VALUE);
        if (joined.isEmpty()) {
            return fromMinima(minima);
        }
        int shingles = Math.max(1, joined.length() - SHINGLE + 1);
        for (int start = 0; start < shingles; start++) {
            long feature = fnv1a(joined, start, Math.min(joined.length(), start + SHINGLE));
            // Branch-free on purpose: written this way the JIT runs the 128 positions as vector lanes (several
            // times faster than a compare-and-store per position); the result is the same.
            for (int i = 0; i < SIZE; i++) {
                long z = feature ^ SEEDS[i];
                z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
                z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
                minima[i] = Math.min(minima[i], (z ^ (z >>> 31)) & Long.MAX_VALUE);
            }
        }
        return fromMinima(minima);
    }

    private static MinHash fromMinima(long[] minima) {
        char[] values = new char[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = (char) minima[i];
        }
        return new MinHash(values);
    }

    public static MinHash fromHex(String hex) {
        if (hex == null || !Hex.isHex(hex, HEX_DIGITS)) {
            throw new InvalidInputException(null, "a text signal is " + HEX_DIGITS + " hex digits");
        }
        char[] values = new char[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = (char) Integer.parseInt(hex, i * 4, i * 4 + 4, 16);
        }
        return new MinHash(values);
    }

    public String toHex() {
        StringBuilder out = new StringBuilder(HEX_DIGITS);
        for (char value : values) {
            String digits = Integer.toHexString(value);
            out.repeat('0', 4 - digits.length()).append(digits);
        }
        return out.toString();
    }

    /** Value at one position, for banding in a locality-sensitive index. */
    public int value(int index) {
        return values[index];
    }

    /** Estimated Jaccard similarity of the two shingle sets, 0..1. */
    public double similarity(MinHash other) {
        int equal = 0;
        for (int i = 0; i < SIZE; i++) {
            if (values[i] == other.values[i]) {
                equal++;
            }
        }
        double chance = 1.0 / 65536;
        double estimate = ((double) equal / SIZE - chance) / (1 - chance);
        return Math.max(0, Math.min(1, estimate));
    }

    private static long fnv1a(String text, int from, int to) {
        long hash = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: a fast, well-mixing bijection on 64 bits ({@link #of} inlines it). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MinHash that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toHex().substring(0, 16) + "...";
    }
}
