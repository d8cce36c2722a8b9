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

    public Map<Dihedral, PdqResult> hashDihedral(DecodedImage image) {
        prepareLuma(image);
        return hasher.hashDihedral(luma, rows, columns);
    }

    /** Writes luma row-major, sampling source pixels exactly where CImg's nearest-neighbour resize does. */
    private void prepareLuma(DecodedImage image) {
        int width = image.width();
        int height = image.height();
        boolean resize = width > DOWNSAMPLE_SIDE || height > DOWNSAMPLE_SIDE;
        columns = resize ? DOWNSAMPLE_SIDE : width;
        rows = resize ? DOWNSAMPLE_SIDE : height;
        if (luma.length < rows * columns) {
            luma = new float[rows * columns];
        }
        int[] sourceColumns = sourceIndices(columns, width);
        int[] sourceRows = sourceIndices(rows, height);
        byte[] pixels = image.pixels();
        if (image.grey()) {
            for (int r = 0; r < rows; r++) {
                int rowStart = sourceRows[r] * width;
                for (int c = 0; c < columns; c++) {
                    luma[r * columns + c] = pixels[rowStart + sourceColumns[c]] & 0xff;
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int rowStart = sourceRows[r] * width;
                for (int c = 0; c < columns; c++) {
                    int p = (rowStart + sourceColumns[c]) * 3;
                    int red = pixels[p] & 0xff;
                    int green = pixels[p + 1] & 0xff;
                    int blue = pixels[p + 2] & 0xff;
                    // Float coefficients and left-to-right sums, as the reference computes luma.
                    luma[r * columns + c] = 0.299f * red + 0.587f * green + 0.114f * blue;
                }
            }
        }
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
