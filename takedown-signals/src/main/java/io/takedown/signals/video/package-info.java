/**
 * Safe decoding of untrusted video with FFmpeg: the container's declared size, duration and frame count
 * checked against {@link io.takedown.signals.video.VideoLimits} before anything is decoded (MP4/MOV headers
 * read here, everything else through {@code ffprobe}), then frames decoded by an {@code ffmpeg} process
 * under a time limit, a frame budget and a fixed frame size, and handed over as RGB at native size the way
 * Meta's vPDQ reference converts them (swscale, area flags, BT.601). A truncated or corrupt stream is an
 * error, not half a hash. Without FFmpeg on the {@code PATH}, every call fails with a message that says
 * what to install.
 */
package io.takedown.signals.video;
