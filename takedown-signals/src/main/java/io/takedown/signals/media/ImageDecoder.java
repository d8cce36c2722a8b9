package io.takedown.signals.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes untrusted images: JPEG and WebP with the native libraries the PDQ reference's decoder uses
 * (libjpeg-turbo, libwebp; see {@link NativeCodecs}) where they are installed, everything else and the
 * fallback through ImageIO (the JDK's codecs plus TwelveMonkeys for CMYK JPEG and WebP).
 *
 * <p>Strict by default: a decoder warning (e.g. a truncated JPEG that libjpeg would pad with grey) is an
 * error, because a hash of half an image is not evidence of anything. Dimensions are read from the header
 * and checked against {@link ImageLimits} before pixels are allocated. The JDK's own reader is preferred
 * where it can decode, because it does no colour management; other readers are tried when it refuses.
 * Thread-safe: every call uses its own reader.
 */
public final class ImageDecoder {

    private final ImageLimits limits;
    private final List<NativeImageCodec> codecs;

    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    public ImageDecoder(ImageLimits limits) {
        this(limits, NativeCodecs.installed().codecs());
    }

    private ImageDecoder(ImageLimits limits, List<NativeImageCodec> codecs) {
        this.limits = limits;
        this.codecs = List.copyOf(codecs);
    }

    /** A decoder that never uses the native libraries: what a machine without them gets. */
    public static ImageDecoder pureJava(ImageLimits limits) {
        return new ImageDecoder(limits, List.of());
    }

    /** The native libraries this decoder tries first, e.g. {@code libjpeg-turbo}. */
    public List<String> nativeLibraries() {
        return codecs.stream().map(NativeImageCodec::library).toList();
    }

    public ImageDecoder() {
        this(ImageLimits.DEFAULT);
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes a file, naming it in every error. */
    public DecodedImage decode(Path file) {
        String source = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodingException(source, "no such file");
        } catch (IOException e) {
            throw new ImageDecodingException(source, "cannot read: " + e.getMessage(), e);
        }
        checkFileSize(source, size);
        if (codecs.isEmpty()) {
            return decode(source, () -> Files.newInputStream(file));
        }
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodingException(source, "no such file");
        } catch (IOException e) {
            throw new ImageDecodingException(source, "cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ImageDecodingException(source, "file needs more memory than is available to read");
        }
        return decodeBytes(encoded, source);
    }

    /** Decodes bytes in memory; {@code source} names them in errors. */
    public DecodedImage decode(byte[] encoded, String source) {
        checkFileSize(source, encoded.length);
        return decodeBytes(encoded, source);
    }

    /**
     * The native codec that recognises the format first; when it leaves the file to Java, or refuses it as
     * corrupt, the Java decoders try (a 12-bit JPEG is valid but beyond libjpeg-turbo's 8-bit build). When
     * both refuse, the native codec's reason is reported: it is the decoder the reference uses.
     */
    private DecodedImage decodeBytes(byte[] encoded, String source) {
        ImageDecodingException nativeFailure = null;
        for (NativeImageCodec codec : codecs) {
            if (!codec.recognises(encoded, encoded.length)) {
                continue;
            }
            try {
                java.util.Optional<DecodedImage> decoded = codec.decode(encoded, source, limits);
                if (decoded.isPresent()) {
                    return decoded.get();
                }
            } catch (ImageLimits.Exceeded e) {
                throw e;
            } catch (ImageDecodingException e) {
                nativeFailure = e;
            }
            break;
        }
        try {
            return decode(source, () -> new ByteArrayInputStream(encoded));
        } catch (ImageLimits.Exceeded e) {
            throw e;
        } catch (ImageDecodingException e) {
            throw nativeFailure != null ? nativeFailure : e;
        }
    }

    private void checkFileSize(String source, long size) {
        if (size == 0) {
            throw new ImageDecodingException(source, "empty file (0 bytes)");
        }
        if (size > limits.maxFileBytes()) {
            throw new ImageDecodingException(source, "file of " + size + " bytes is over the limit of "
                    + limits.maxFileBytes() + " bytes");
        }
    }

    private DecodedImage decode(String source, Callable<InputStream> opener) {
        List<String> readerClasses = readerClassesFor(source, opener);
        ImageDecodingException firstFailure = null;
        for (String readerClass : readerClasses) {
            try {
                return decodeWith(readerClass, source, opener);
            } catch (ImageDecodingException e) {
                if (e instanceof ImageLimits.Exceeded) {
                    throw e;
                }
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        throw firstFailure;
    }

    private List<String> readerClassesFor(String source, Callable<InputStream> opener) {
        try (InputStream raw = open(source, opener); ImageInputStream in = new MemoryCacheImageInputStream(raw)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            List<String> classes = new ArrayList<>();
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                classes.add(reader.getClass().getName());
                reader.dispose();
            }
            if (classes.isEmpty()) {
                throw new ImageDecodingException(source, "not an image in a supported format (JPEG, PNG, GIF, BMP, WebP)");
            }
            // The JDK's readers first: they hand over raw samples, as the PDQ reference's decoder does.
            classes.sort(Comparator.comparing((String name) -> !name.startsWith("com.sun.")));
            return classes;
        } catch (IOException e) {
            throw new ImageDecodingException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    private DecodedImage decodeWith(String readerClass, String source, Callable<InputStream> opener) {
        try (InputStream raw = open(source, opener); ImageInputStream in = new MemoryCacheImageInputStream(raw)) {
            ImageReader reader = readerOfClass(readerClass, in);
            List<String> warnings = new ArrayList<>();
            IIOReadWarningListener listener = (r, warning) -> warnings.add(warning);
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener(listener);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                limits.check(source, width, height);
                DecodedImage decoded;
                if (isFourChannelJpeg(reader)) {
                    decoded = PixelExtraction.ofCmyk(reader.readRaster(0, null));
                } else {
                    decoded = PixelExtraction.of(reader.read(0, reader.getDefaultReadParam()));
                }
                if (!warnings.isEmpty()) {
                    throw new ImageDecodingException(source, "corrupt or truncated image: " + warnings.getFirst());
                }
                return decoded;
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodingException(source, "corrupt or truncated image: " + describe(e), e);
        } catch (OutOfMemoryError e) {
            // Limits should prevent this; if a codec still over-allocates, this file fails, not the run.
            throw new ImageDecodingException(source, "image needs more memory than is available to decode");
        }
    }

    /**
     * CMYK (and YCCK) JPEGs are converted the way ImageMagick converts them for the PDQ reference, from
     * the raw samples, not through an ICC profile: that keeps them within the reference's hash.
     */
    private static boolean isFourChannelJpeg(ImageReader reader) throws IOException {
        if (!reader.getFormatName().equalsIgnoreCase("jpeg")) {
            return false;
        }
        javax.imageio.metadata.IIOMetadata metadata = reader.getImageMetadata(0);
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return false;
        }
        javax.imageio.metadata.IIOMetadataNode root = (javax.imageio.metadata.IIOMetadataNode)
                metadata.getAsTree(javax.imageio.metadata.IIOMetadataFormatImpl.standardMetadataFormatName);
        org.w3c.dom.NodeList channels = root.getElementsByTagName("NumChannels");
        return channels.getLength() > 0
                && "4".equals(((javax.imageio.metadata.IIOMetadataNode) channels.item(0)).getAttribute("value"));
    }

    private static ImageReader readerOfClass(String readerClass, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (chosen == null && reader.getClass().getName().equals(readerClass)) {
                chosen = reader;
            } else {
                reader.dispose();
            }
        }
        if (chosen == null) {
            throw new IOException("reader " + readerClass + " is no longer available");
        }
        return chosen;
    }

    private static InputStream open(String source, Callable<InputStream> opener) {
        try {
            return opener.call();
        } catch (NoSuchFileException e) {
            throw new ImageDecodingException(source, "no such file");
        } catch (Exception e) {
            throw new ImageDecodingException(source, "cannot read: " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
