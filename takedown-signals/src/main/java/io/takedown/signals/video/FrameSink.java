package io.takedown.signals.video;

import io.takedown.signals.media.DecodedImage;

/** Receives decoded frames in order. The image's pixel buffer is reused for the next frame: copy to keep it. */
@FunctionalInterface
public interface FrameSink {

    /**
     * @param frameNumber the frame's index among all decoded frames, from 0, display order
     * @param rgb the frame at native size, always 3 channels (grey videos are not collapsed: vPDQ's luma
     *     comes from RGB)
     */
    void frame(long frameNumber, DecodedImage rgb);
}
