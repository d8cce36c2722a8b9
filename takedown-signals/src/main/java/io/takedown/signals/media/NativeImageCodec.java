package io.takedown.signals.media;

import java.util.Optional;

/**
 * A decoder backed by a native library (libjpeg-turbo, libwebp), found with {@link java.util.ServiceLoader}.
 * The implementations call C through the Foreign Function and Memory API, which is final from Java 22 while
 * Takedown's bytecode targets 21: they are compiled apart and only load on a Java 22+ runtime where the
 * library is installed. Where they do not load, {@link ImageDecoder} uses its pure-Java decoders.
 *
 * <p>An implementation's constructor fails (any exception) when its library is missing; the decoder
 * then leaves it out. Implementations are thread-safe.
 */
public interface NativeImageCodec {

    /** The library and its version, for logs and the benchmark table: {@code libjpeg-turbo}. */
    String library();

    /** Whether the file's first bytes ({@code length} of them valid) are a format this codec decodes. */
    boolean recognises(byte[] prefix, int length);

    /**
     * Decodes a whole file held in memory, checking the declared dimensions against {@code limits}
     * (through {@link ImageLimits#check}) before any pixel buffer exists.
     *
     * @return the pixels, or empty when the file uses a feature left to the Java decoders (e.g. animation)
     * @throws ImageDecodingException when the data is corrupt, truncated or over a limit
     */
    Optional<DecodedImage> decode(byte[] encoded, String source, ImageLimits limits);
}
