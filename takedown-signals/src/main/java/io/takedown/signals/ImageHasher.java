package io.takedown.signals;

import io.takedown.signals.media.DecodedImage;

/** A signal computed from decoded pixels; the image is decoded once for all image signals. */
public interface ImageHasher {

    Signal hash(DecodedImage image);
}
