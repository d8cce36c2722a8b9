package io.takedown.signals.video;

import java.time.Duration;

/**
 * Bounds a video must respect before and while it is decoded. A container header can claim any size or
 * duration in a few bytes, and a stream can hold far more frames than its header says; each is refused
 * with the figure that broke the limit.
 *
 * @param maxFileBytes largest file accepted
 * @param maxPixels largest width x height of a frame
 * @param maxDimension largest width or height
 * @param maxSeconds longest declared duration
 * @param maxFrames most frames decoded, whatever the header says
 * @param timeout wall-clock time allowed for decoding, on top of {@code secondsPerSecond} for each declared
 *     second of video
 * @param secondsPerSecond decoding time allowed per second of declared duration
 * @param maxTime decoding time never allowed beyond this, and allowed whole when no duration is declared
 */
public record VideoLimits(long maxFileBytes, long maxPixels, int maxDimension, double maxSeconds, long maxFrames,
                          Duration timeout, double secondsPerSecond, Duration maxTime) {

    /**
     * 4 GiB, 4096 x 4096 (DCI 4K fits), 3 hours, 650,000 frames (3 hours at 60 fps), 60 s plus 2 s per
     * second of video and at most 30 minutes: a film passes, a bomb does not.
     */
    public static final VideoLimits DEFAULT = new VideoLimits(4L << 30, 4096L * 4096, 8192, 3 * 3600,
            650_000, Duration.ofSeconds(60), 2.0, Duration.ofMinutes(30));

    public VideoLimits {
        if (maxFileBytes <= 0 || maxPixels <= 0 || maxDimension <= 0 || maxSeconds <= 0 || maxFrames <= 0
                || timeout.isNegative() || timeout.isZero() || secondsPerSecond < 0 || maxTime.compareTo(timeout) < 0) {
            throw new IllegalArgumentException("video limits must be positive, and the longest time at least the timeout");
        }
    }

    /** The same limits with another time allowance; tests and batch jobs tighten it. */
    public VideoLimits withTime(Duration newTimeout, Duration newMaxTime) {
        return new VideoLimits(maxFileBytes, maxPixels, maxDimension, maxSeconds, maxFrames, newTimeout,
                secondsPerSecond, newMaxTime);
    }

    /** The same limits with another frame budget. */
    public VideoLimits withMaxFrames(long frames) {
        return new VideoLimits(maxFileBytes, maxPixels, maxDimension, maxSeconds, frames, timeout, secondsPerSecond,
                maxTime);
    }

    /** Refuses declared dimensions that are impossible or over these limits. */
    public void checkSize(String source, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new VideoDecodingException(source, "video declares " + width + "x" + height + " pixels");
        }
        if (width > maxDimension || height > maxDimension || width * height > maxPixels) {
            throw new VideoDecodingException(source, "video declares " + width + "x" + height
                    + " pixels a frame, over the limit of " + maxPixels + " pixels and " + maxDimension + " a side");
        }
    }

    /** Refuses a declared duration that is negative, not a number, or over the limit. */
    public void checkDuration(String source, double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new VideoDecodingException(source, "video declares a duration of " + seconds + " s");
        }
        if (seconds > maxSeconds) {
            throw new VideoDecodingException(source, String.format(java.util.Locale.ROOT,
                    "video declares %.0f s, over the limit of %.0f s", seconds, maxSeconds));
        }
    }

    /** Time allowed to decode a video of the declared duration (NaN: not declared). */
    public Duration decodeTime(double seconds) {
        if (!Double.isFinite(seconds)) {
            return maxTime;
        }
        Duration allowed = timeout.plusMillis((long) (Math.max(0, seconds) * secondsPerSecond * 1000));
        return allowed.compareTo(maxTime) > 0 ? maxTime : allowed;
    }
}
