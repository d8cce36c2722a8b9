package io.takedown.signals.media.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecodingException;
import io.takedown.signals.media.ImageLimits;
import io.takedown.signals.media.NativeImageCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Still WebP images (lossy, lossless, with alpha) through libwebp (Debian {@code libwebp7}), the decoder
 * ImageMagick uses for the PDQ reference: RGB with alpha dropped, not composited. Animated files are left
 * to the Java decoders.
 */
public final class WebPCodec implements NativeImageCodec {

    /** {@code WEBP_DECODER_ABI_VERSION} of libwebp 1.x: the struct below has this layout. */
    private static final int DECODER_ABI_VERSION = 0x0209;
    /** {@code WebPBitstreamFeatures}: width, height, has_alpha, has_animation, format, 5 ints of padding. */
    private static final int FEATURES_INTS = 10;

    private final NativeLibrary library;
    private final MethodHandle features;
    private final MethodHandle decodeRgbInto;

    /** @throws IllegalStateException when libwebp is not installed */
    public WebPCodec() {
        library = NativeLibrary.open("libwebp", "libwebp7",
                List.of("libwebp.so.7", "libwebp.so", "libwebp.dylib", "libwebp.dll"));
        features = library.function("WebPGetFeaturesInternal", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT));
        decodeRgbInto = library.function("WebPDecodeRGBInto", FunctionDescriptor.of(ADDRESS,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    @Override
    public String library() {
        return "libwebp (" + library.name() + ")";
    }

    @Override
    public boolean recognises(byte[] prefix, int length) {
        return length >= 12 && prefix[0] == 'R' && prefix[1] == 'I' && prefix[2] == 'F' && prefix[3] == 'F'
                && prefix[8] == 'W' && prefix[9] == 'E' && prefix[10] == 'B' && prefix[11] == 'P';
    }

    @Override
    public Optional<DecodedImage> decode(byte[] encoded, String source, ImageLimits limits) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment webp = NativeLibrary.uninitialised(encoded.length, arena);
            MemorySegment.copy(encoded, 0, webp, JAVA_BYTE, 0, encoded.length);
            MemorySegment fields = arena.allocate(JAVA_INT, FEATURES_INTS);
            int status = (int) features.invokeExact(webp, (long) encoded.length, fields, DECODER_ABI_VERSION);
            if (status != 0) {
                throw new ImageDecodingException(source, "corrupt or truncated image: libwebp status "
                        + status + " (" + statusName(status) + ")");
            }
            int width = fields.getAtIndex(JAVA_INT, 0);
            int height = fields.getAtIndex(JAVA_INT, 1);
            boolean animated = fields.getAtIndex(JAVA_INT, 3) != 0;
            if (animated) {
                return Optional.empty();
            }
            limits.check(source, width, height);
            long bytes = (long) width * height * 3;
            MemorySegment pixels = NativeLibrary.uninitialised(bytes, arena);
            MemorySegment result = (MemorySegment) decodeRgbInto.invokeExact(webp, (long) encoded.length, pixels,
                    bytes, width * 3);
            if (result.equals(MemorySegment.NULL)) {
                throw new ImageDecodingException(source, "corrupt or truncated image: libwebp could not decode it");
            }
            return Optional.of(DecodedImage.ofRgb(width, height, pixels.toArray(JAVA_BYTE)));
        } catch (ImageDecodingException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new ImageDecodingException(source, "image needs more memory than is available to decode");
        } catch (Throwable e) {
            throw new IllegalStateException("calling libwebp failed", e);
        }
    }

    private static String statusName(int status) {
        return switch (status) {
            case 1 -> "out of memory";
            case 2 -> "invalid parameter";
            case 3 -> "bitstream error";
            case 4 -> "unsupported feature";
            case 5 -> "suspended";
            case 6 -> "user abort";
            case 7 -> "not enough data";
            default -> "unknown";
        };
    }
}
