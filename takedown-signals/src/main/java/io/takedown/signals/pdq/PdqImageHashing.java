package io.takedown.signals.pdq;

import io.takedown.signals.media.DecodedImage;
import java.util.Map;

/**
 * PDQ of a decoded image, reproducing what the reference does between decoding and hashing: an image
 * larger than 512 in either dimension is first resampled to exactly 512x512 by nearest neighbour (CImg's
 * default {@code resize}, aspect ratio not kept), then turned into float luma. One instance per thread.
 */
public final class PdqImageHashing {

    /** The reference's intermediate size: its two-pass box filter is too slow on full-size photos. */
    public static final int DOWNSAMPLE_SIDE = 512;

    private final PdqHasher hasher = new PdqHasher();
    private float[] luma = new float[0];
    private int rows;
    private int columns;

    public PdqResult hash(DecodedImage image) {
        prepareLuma(image);
        return hasher.hash(luma, rows, columns);
    }

    /**
     * PDQ of the image at its own size, without the reference photo tool's 512 x 512 resize: what Meta's
     * vPDQ hashes for each video frame.
     */
    public PdqResult hashNativeSize(DecodedImage image) {
        prepareLuma(image, false);
        return hasher.hash(luma, rows, columns);
    }

    public Map<Dihedral, PdqResult> hashDihedral(DecodedImage image) {
        prepareLuma(image);
        return hasher.hashDihedral(luma, rows, columns);
    }

    /** Writes luma row-major, sampling source pixels exactly where CImg's nearest-neighbour resize does. */
    private void prepareLuma(DecodedImage image) {
        prepareLuma(image, true);
    }

    private void prepareLuma(DecodedImage image, boolean reduceLarge) {
        int width = image.width();
        int height = image.height();
        boolean resize = reduceLarge && (width > DOWNSAMPLE_SIDE || height > DOWNSAMPLE_SIDE);
        columns = resize ? DOWNSAMPLE_SIDE : width;
        rows = resize ? DOWNSAMPLE_SIDE : height;
        if (luma.length < rows * columns) {
            luma = new float[rows * columns];
        }
        int[] sourceColumns = sourceIndices(columns, width);
        int[] sourceRows = sourceIndices(rows, height);
        byte[] pixels = image.pixels();
        boolean sameColumns = columns == width;
        if (image.grey()) {
            for (int r = 0; r < rows; r++) {
                int rowStart = sourceRows[r] * width;
                int out = r * columns;
                if (sameColumns) {
                    for (int c = 0; c < columns; c++) {
                        luma[out + c] = pixels[rowStart + c] & 0xff;
                    }
                } else {
                    for (int c = 0; c < columns; c++) {
                        luma[out + c] = pixels[rowStart + sourceColumns[c]] & 0xff;
                    }
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int rowStart = sourceRows[r] * width;
                int out = r * columns;
                if (sameColumns) {
                    // Sequential reads: the common case of images up to 512 on a side.
                    for (int c = 0, p = rowStart * 3; c < columns; c++, p += 3) {
                        luma[out + c] = luma(pixels[p] & 0xff, pixels[p + 1] & 0xff, pixels[p + 2] & 0xff);
                    }
                } else {
                    for (int c = 0; c < columns; c++) {
                        int p = (rowStart + sourceColumns[c]) * 3;
                        luma[out + c] = luma(pixels[p] & 0xff, pixels[p + 1] & 0xff, pixels[p + 2] & 0xff);
                    }
                }
            }
        }
    }

    /**
     * Float coefficients and left-to-right sums, as the reference computes luma. The products come from
     * tables of the same float multiplications, which saves three conversions and multiplications a pixel.
     */
    private static float luma(int red, int green, int blue) {
        return RED[red] + GREEN[green] + BLUE[blue];
    }

    private static final float[] RED = table(0.299f);
    private static final float[] GREEN = table(0.587f);
    private static final float[] BLUE = table(0.114f);

    private static float[] table(float coefficient) {
        float[] products = new float[256];
        for (int v = 0; v < 256; v++) {
            products[v] = coefficient * v;
        }
        return products;
    }

    /**
     * The image as the reference hashes it: resized to 512 x 512 by nearest neighbour when larger on
     * either side, else unchanged. Benchmarks use it to give both implementations the same input.
     */
    public static DecodedImage asReferenceResizes(DecodedImage image) {
        if (image.width() <= DOWNSAMPLE_SIDE && image.height() <= DOWNSAMPLE_SIDE) {
            return image;
        }
        int channels = image.channels();
        int[] columns = sourceIndices(DOWNSAMPLE_SIDE, image.width());
        int[] rows = sourceIndices(DOWNSAMPLE_SIDE, image.height());
        byte[] out = new byte[DOWNSAMPLE_SIDE * DOWNSAMPLE_SIDE * channels];
        for (int y = 0; y < DOWNSAMPLE_SIDE; y++) {
            for (int x = 0; x < DOWNSAMPLE_SIDE; x++) {
                System.arraycopy(image.pixels(), (rows[y] * image.width() + columns[x]) * channels, out,
                        (y * DOWNSAMPLE_SIDE + x) * channels, channels);
            }
        }
        return new DecodedImage(DOWNSAMPLE_SIDE, DOWNSAMPLE_SIDE, channels, out);
    }

    /** Source index of each target index; identity when the size does not change. */
    static int[] sourceIndices(int target, int source) {
        int[] indices = new int[target];
        for (int i = 0; i < target; i++) {
            indices[i] = target == source ? i : (int) (((double) i * source) / target);
        }
        return indices;
    }
}
