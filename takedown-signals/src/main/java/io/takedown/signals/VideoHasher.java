package io.takedown.signals;

import io.takedown.signals.video.VideoDecoder;

/**
 * A signal computed from a video's decoded frames. The video has been opened (its declarations checked)
 * once for all video signals; each signal decodes the frames it needs.
 */
public interface VideoHasher {

    /** @throws io.takedown.signals.video.VideoDecodingException when the video cannot be decoded */
    Signal hash(VideoDecoder.Video video);
}
