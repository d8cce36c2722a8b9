package io.takedown.signals.video;

/**
 * Which decoded frames are kept: frame {@code n} (counted from 0 in display order) when
 * {@code n % interval == 0}. vPDQ samples {@code (int) (secondsPerHash x frameRate)} frames apart, at least 1.
 *
 * @param interval keep one frame in this many
 */
public record FrameSampling(int interval) {

    public static final FrameSampling EVERY_FRAME = new FrameSampling(1);

    public FrameSampling {
        if (interval < 1) {
            throw new IllegalArgumentException("sampling interval must be at least 1, got " + interval);
        }
    }

    /** One frame every {@code seconds} (0 = every frame), as Meta's vPDQ hasher computes it. */
    public static FrameSampling everySeconds(double seconds, double frameRate) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("seconds per hash must be 0 or more");
        }
        long interval = (long) (seconds * frameRate);
        return new FrameSampling((int) Math.max(1, Math.min(Integer.MAX_VALUE, interval)));
    }

    public boolean keeps(long frameNumber) {
        return frameNumber % interval == 0;
    }
}
