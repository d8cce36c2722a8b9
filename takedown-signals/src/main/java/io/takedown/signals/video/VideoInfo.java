package io.takedown.signals.video;

import java.util.OptionalLong;

/**
 * What a video's container and first video stream declare, after the limits were checked.
 *
 * @param container the demuxer's name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param codec the video codec, e.g. {@code h264}
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param frameRate average frames per second (the stream's {@code avg_frame_rate}, else {@code r_frame_rate});
 *     what vPDQ's sampling and time stamps use
 * @param seconds declared duration, or NaN when the container does not say
 * @param frames declared number of frames, when the container says
 */
public record VideoInfo(String container, String codec, int width, int height, double frameRate, double seconds,
                        OptionalLong frames) {
}
