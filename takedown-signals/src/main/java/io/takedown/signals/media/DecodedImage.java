package io.takedown.signals.media;

/**
 * 8-bit pixels as the PDQ reference receives them from its decoder: one grey channel when every pixel has
 * red = green = blue, else interleaved RGB. Alpha is dropped without compositing, as the reference does.
 *
 * @param width columns
 * @param height rows
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels {@code height * width * channels} bytes, row-major
 */
public record DecodedImage(int width, int height, int channels, byte[] pixels) {

    public DecodedImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if ((long) width * height * channels != pixels.length) {
            throw new IllegalArgumentException("pixel buffer does not match " + width + "x" + height + "x" + channels);
        }
    }

    /**
     * Interleaved RGB as a decoder produced it, collapsed to one grey channel when every pixel has
     * red = green = blue (ImageMagick hands such an image to the PDQ reference as PGM, and grey luma differs
     * from the weighted RGB sum in the last float bit).
     */
    public static DecodedImage ofRgb(int width, int height, byte[] rgb) {
        for (int i = 0; i < rgb.length; i += 3) {
            if (rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2]) {
                return new DecodedImage(width, height, 3, rgb);
            }
        }
        byte[] grey = new byte[width * height];
        for (int i = 0, o = 0; o < grey.length; i += 3, o++) {
            grey[o] = rgb[i];
        }
        return new DecodedImage(width, height, 1, grey);
    }

    /**
     * RGB from raw 4-channel JPEG samples (Adobe-inverted CMYK, no ICC) as ImageMagick computes it for the
     * PDQ reference: each of red, green and blue is {@code round(sample x K / 255)}.
     */
    public static DecodedImage ofCmyk(int width, int height, byte[] cmyk) {
        if ((long) width * height * 4 != cmyk.length) {
            throw new IllegalArgumentException("CMYK buffer does not match " + width + "x" + height);
        }
        byte[] rgb = new byte[width * height * 3];
        for (int p = 0, i = 0, o = 0; p < width * height; p++, i += 4) {
            int k = cmyk[i + 3] & 0xff;
            for (int c = 0; c < 3; c++) {
                rgb[o++] = (byte) (((cmyk[i + c] & 0xff) * k * 2 + 255) / 510);
            }
        }
        return ofRgb(width, height, rgb);
    }

    public boolean grey() {
        return channels == 1;
    }

    /** Grey value, or red/green/blue of the pixel at ({@code x}, {@code y}); channel 0 for grey. */
    public int sample(int x, int y, int channel) {
        return pixels[(y * width + x) * channels + channel] & 0xff;
    }
}
