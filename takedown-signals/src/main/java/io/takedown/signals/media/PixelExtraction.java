package io.takedown.signals.media;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.color.ColorSpace;

/**
 * Turns whatever a decoder produced into {@link DecodedImage}: raw samples, not colour-managed values,
 * because the PDQ reference (ImageMagick writing PNM) applies no ICC or gamma transform. Palettes are
 * expanded, alpha is dropped, 16-bit samples are rounded to 8 bits, and an image whose pixels are all grey
 * becomes one grey channel (ImageMagick writes such an image as PGM, and the reference then takes the grey
 * value as luma instead of the weighted RGB sum, which differs in the last float bit).
 */
final class PixelExtraction {

    private PixelExtraction() {
    }

    static DecodedImage of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            return greyIfPossible(width, height, fromPalette(raster, palette, width, height));
        }
        if (model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return new DecodedImage(width, height, 1, band(raster, 0, width, height));
        }
        if (model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_RGB
                && raster.getNumBands() >= 3) {
            return greyIfPossible(width, height, rgbBands(raster, width, height));
        }
        return greyIfPossible(width, height, viaColorModel(image, width, height));
    }

    private static byte[] fromPalette(Raster raster, IndexColorModel palette, int width, int height) {
        int size = palette.getMapSize();
        byte[] reds = new byte[size];
        byte[] greens = new byte[size];
        byte[] blues = new byte[size];
        palette.getReds(reds);
        palette.getGreens(greens);
        palette.getBlues(blues);
        byte[] rgb = new byte[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            int o = y * width * 3;
            for (int x = 0; x < width; x++) {
                int index = Math.min(row[x], size - 1);
                rgb[o++] = reds[index];
                rgb[o++] = greens[index];
                rgb[o++] = blues[index];
            }
        }
        return rgb;
    }

    private static byte[] band(Raster raster, int band, int width, int height) {
        byte[] out = new byte[width * height];
        int bits = raster.getSampleModel().getSampleSize(band);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, band, row);
            int o = y * width;
            for (int x = 0; x < width; x++) {
                out[o + x] = (byte) toEightBits(row[x], bits);
            }
        }
        return out;
    }

    private static byte[] rgbBands(Raster raster, int width, int height) {
        if (raster.getDataBuffer() instanceof DataBufferByte bytes
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel interleaved
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && bytes.getNumBanks() == 1) {
            return interleavedBytes(bytes.getData(), interleaved, width, height);
        }
        byte[] rgb = new byte[width * height * 3];
        int[] row = new int[width];
        for (int band = 0; band < 3; band++) {
            int bits = raster.getSampleModel().getSampleSize(band);
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, band, row);
                int o = y * width * 3 + band;
                for (int x = 0; x < width; x++, o += 3) {
                    rgb[o] = (byte) toEightBits(row[x], bits);
                }
            }
        }
        return rgb;
    }

    private static byte[] interleavedBytes(byte[] data, PixelInterleavedSampleModel model, int width, int height) {
        int pixelStride = model.getPixelStride();
        int scanlineStride = model.getScanlineStride();
        int[] offsets = model.getBandOffsets();
        int r = offsets[0];
        int g = offsets[1];
        int b = offsets[2];
        byte[] rgb = new byte[width * height * 3];
        int o = 0;
        for (int y = 0; y < height; y++) {
            int p = y * scanlineStride;
            for (int x = 0; x < width; x++, p += pixelStride) {
                rgb[o++] = data[p + r];
                rgb[o++] = data[p + g];
                rgb[o++] = data[p + b];
            }
        }
        return rgb;
    }

    /** Last resort for unusual models (e.g. CMYK already converted by a plug-in): the model's sRGB view. */
    private static byte[] viaColorModel(BufferedImage image, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        int[] row = new int[width];
        int o = 0;
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                rgb[o++] = (byte) (argb >>> 16);
                rgb[o++] = (byte) (argb >>> 8);
                rgb[o++] = (byte) argb;
            }
        }
        return rgb;
    }

    /** Scales a sample of {@code bits} bits to 8 bits the way ImageMagick (Q16) does. */
    static int toEightBits(int sample, int bits) {
        if (bits == 8) {
            return sample & 0xff;
        }
        if (bits == 16) {
            int quantum = sample & 0xffff;
            return ((quantum + 128) - ((quantum + 128) >>> 8)) >>> 8;
        }
        if (bits < 8) {
            int max = (1 << bits) - 1;
            return (sample * 255 + max / 2) / max;
        }
        long max = (1L << bits) - 1;
        return (int) ((sample * 255L + max / 2) / max);
    }

    private static DecodedImage greyIfPossible(int width, int height, byte[] rgb) {
        return DecodedImage.ofRgb(width, height, rgb);
    }

    /** Raw 4-channel JPEG samples, converted as {@link DecodedImage#ofCmyk} says. */
    static DecodedImage ofCmyk(java.awt.image.Raster raster) {
        if (raster.getNumBands() != 4) {
            throw new IllegalArgumentException("expected 4 bands, got " + raster.getNumBands());
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        byte[] cmyk = new byte[width * height * 4];
        int[] row = new int[width * 4];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int i = 0; i < row.length; i++) {
                cmyk[y * width * 4 + i] = (byte) row[i];
            }
        }
        return DecodedImage.ofCmyk(width, height, cmyk);
    }
}
