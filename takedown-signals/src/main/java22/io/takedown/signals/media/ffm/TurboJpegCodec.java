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
 * JPEG through libjpeg-turbo's TurboJPEG interface (Debian {@code libturbojpeg0}), with the settings
 * ImageMagick's decode for the PDQ reference ends up with: accurate integer DCT, fancy upsampling, no
 * EXIF rotation, no colour management. Strict: a warning (truncated or corrupt data) is an error, and
 * progressive files with an absurd number of scans are refused. Grey JPEGs come out as one channel,
 * CMYK/YCCK ones as raw samples converted like ImageMagick does.
 */
public final class TurboJpegCodec implements NativeImageCodec {

    private static final int TJPF_RGB = 0;
    private static final int TJPF_GRAY = 6;
    private static final int TJPF_CMYK = 11;
    private static final int TJCS_GRAY = 2;
    private static final int TJCS_CMYK = 3;
    private static final int TJCS_YCCK = 4;
    private static final int TJFLAG_ACCURATEDCT = 4096;
    private static final int TJFLAG_STOPONWARNING = 8192;
    private static final int TJFLAG_LIMITSCANS = 32768;
    private static final int FLAGS = TJFLAG_ACCURATEDCT | TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;

    private final NativeLibrary library;
    private final MethodHandle init;
    private final MethodHandle header;
    private final MethodHandle decompress;
    private final MethodHandle errorString;
    private final MethodHandle destroy;

    /** @throws IllegalStateException when libturbojpeg is not installed */
    public TurboJpegCodec() {
        library = NativeLibrary.open("libjpeg-turbo (TurboJPEG)", "libturbojpeg0",
                List.of("libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.dylib", "turbojpeg.dll"));
        init = library.function("tjInitDecompress", FunctionDescriptor.of(ADDRESS));
        header = library.function("tjDecompressHeader3", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        decompress = library.function("tjDecompress2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        errorString = library.function("tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS));
        destroy = library.function("tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    @Override
    public String library() {
        return "libjpeg-turbo (" + library.name() + ")";
    }

    @Override
    public boolean recognises(byte[] prefix, int length) {
        return length >= 3 && (prefix[0] & 0xff) == 0xff && (prefix[1] & 0xff) == 0xd8 && (prefix[2] & 0xff) == 0xff;
    }

    @Override
    public Optional<DecodedImage> decode(byte[] encoded, String source, ImageLimits limits) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) init.invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new ImageDecodingException(source, "libjpeg-turbo could not start a decoder");
            }
            try {
                MemorySegment jpeg = NativeLibrary.uninitialised(encoded.length, arena);
                MemorySegment.copy(encoded, 0, jpeg, JAVA_BYTE, 0, encoded.length);
                MemorySegment fields = arena.allocate(JAVA_INT, 4);
                int status = (int) header.invokeExact(handle, jpeg, (long) encoded.length, fields,
                        fields.asSlice(4), fields.asSlice(8), fields.asSlice(12));
                if (status != 0) {
                    throw corrupt(source, handle);
                }
                int width = fields.getAtIndex(JAVA_INT, 0);
                int height = fields.getAtIndex(JAVA_INT, 1);
                int colourSpace = fields.getAtIndex(JAVA_INT, 3);
                limits.check(source, width, height);
                int format = switch (colourSpace) {
                    case TJCS_GRAY -> TJPF_GRAY;
                    case TJCS_CMYK, TJCS_YCCK -> TJPF_CMYK;
                    default -> TJPF_RGB;
                };
                int channels = format == TJPF_GRAY ? 1 : format == TJPF_CMYK ? 4 : 3;
                long bytes = (long) width * height * channels;
                if (bytes > Integer.MAX_VALUE - 8) {
                    throw new ImageLimits.Exceeded(source, "image of " + width + "x" + height
                            + " pixels does not fit in one buffer");
                }
                MemorySegment pixels = NativeLibrary.uninitialised(bytes, arena);
                status = (int) decompress.invokeExact(handle, jpeg, (long) encoded.length, pixels, width, 0, height,
                        format, FLAGS);
                if (status != 0) {
                    throw corrupt(source, handle);
                }
                byte[] samples = pixels.toArray(JAVA_BYTE);
                return Optional.of(switch (channels) {
                    case 1 -> new DecodedImage(width, height, 1, samples);
                    case 4 -> DecodedImage.ofCmyk(width, height, samples);
                    default -> DecodedImage.ofRgb(width, height, samples);
                });
            } finally {
                int ignored = (int) destroy.invokeExact(handle);
            }
        } catch (ImageDecodingException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new ImageDecodingException(source, "image needs more memory than is available to decode");
        } catch (Throwable e) {
            throw new IllegalStateException("calling libjpeg-turbo failed", e);
        }
    }

    private ImageDecodingException corrupt(String source, MemorySegment handle) throws Throwable {
        String message = NativeLibrary.string((MemorySegment) errorString.invokeExact(handle));
        return new ImageDecodingException(source, "corrupt or truncated image: "
                + (message.isBlank() ? "libjpeg-turbo refused it" : message));
    }
}
