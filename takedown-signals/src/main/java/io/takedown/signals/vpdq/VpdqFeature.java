package io.takedown.signals.vpdq;

import io.takedown.signals.pdq.PdqHash;

/**
 * One hashed frame.
 *
 * @param frameNumber index of the frame among all decoded frames, from 0; -1 when the form it was read
 *     from does not carry it (the exchange form)
 * @param quality PDQ quality, 0-100
 * @param hash PDQ of the frame at native size
 * @param seconds time stamp: the frame number divided by the average frame rate, in single precision as the
 *     reference computes it
 */
public record VpdqFeature(int frameNumber, int quality, PdqHash hash, double seconds) {

    public VpdqFeature {
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality must be 0-100, got " + quality);
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("time stamp must be a finite number of seconds, got " + seconds);
        }
        if (hash == null) {
            throw new IllegalArgumentException("a feature needs a hash");
        }
    }

    /** The time stamp the reference writes for a frame: float division, as in its C++ code. */
    public static double timestamp(long frameNumber, double frameRate) {
        return (float) frameNumber / (float) frameRate;
    }
}
