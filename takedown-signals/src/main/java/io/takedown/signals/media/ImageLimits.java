package io.takedown.signals.media;

/**
 * Bounds that a declared image must respect before Takedown allocates memory for it. A PNG or JPEG header
 * may claim 100,000 x 100,000 pixels in a few hundred bytes; such a file is refused from its header.
 *
 * @param maxPixels largest width x height accepted
 * @param maxDimension largest width or height accepted
 * @param maxFileBytes largest encoded file accepted
 */
public record ImageLimits(long maxPixels, int maxDimension, long maxFileBytes) {

    /** 100 megapixels, 50,000 pixels a side, 256 MiB encoded: above every camera, below a bomb. */
    public static final ImageLimits DEFAULT = new ImageLimits(100_000_000L, 50_000, 256L << 20);

    public ImageLimits {
        if (maxPixels <= 0 || maxDimension <= 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /**
     * Refuses declared dimensions that are impossible or over these limits, naming them.
     *
     * @throws ImageDecodingException ({@link Exceeded} when over a limit: no other decoder is tried)
     */
    public void check(String source, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodingException(source, "image declares " + width + "x" + height + " pixels");
        }
        if (width > maxDimension || height > maxDimension || width * height > maxPixels) {
            throw new Exceeded(source, "image declares " + width + "x" + height + " pixels, over the limit of "
                    + maxPixels + " pixels and " + maxDimension
                    + " a side; refused before decoding (possible decompression bomb)");
        }
    }

    /** Over a limit: every decoder would give the same answer, so none other is tried. */
    public static final class Exceeded extends ImageDecodingException {
        public Exceeded(String source, String message) {
            super(source, message);
        }
    }
}
