package io.takedown.signals.pdq;

/**
 * A PDQ hash with its quality, 0 (flat, featureless) to 100. Matchers conventionally ignore hashes whose
 * quality is below 50 because such images collide with unrelated ones.
 */
public record PdqResult(PdqHash hash, int quality) {

    public static final int CONVENTIONAL_MIN_QUALITY = 50;

    public PdqResult {
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality outside 0..100: " + quality);
        }
    }
}
