/**
 * Native image decoding through the Foreign Function and Memory API (final in Java 22): libjpeg-turbo's
 * TurboJPEG interface for JPEG and libwebp for WebP, the libraries ImageMagick uses when it decodes for the
 * PDQ reference, so JPEG and WebP hash bit-exactly and several times faster than the pure-Java decoders.
 * Compiled at release 22 apart from the rest of Takedown (release 21) and loaded through
 * {@link io.takedown.signals.media.NativeImageCodec}; nothing else may refer to this package.
 */
package io.takedown.signals.media.ffm;
