package io.takedown.signals.pdq;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Computes PDQ from a luma plane, bit-exact with Meta's C++ reference.
 *
 * <p>The reference blurs with two passes of a horizontal then vertical box filter ("Jarosz"), keeps 64x64
 * samples, takes the 16x16 low-frequency block of a DCT and thresholds it at its median. Every value here is
 * computed with the same float operations in the same order as the reference, so results match to the bit.
 * Speed comes from three exactness-preserving changes:
 * <ul>
 *   <li>Each running sum is independent of its neighbours, so the filter advances many of them at once
 *       ("lanes"): rows for the horizontal pass on a transposed plane, columns for the vertical pass. Those
 *       loops vectorise; the reference walks one sum at a time.</li>
 *   <li>The second pass only divides where a sample is kept: 64 columns, then 64 of those rows. Running sums
 *       still visit every pixel in order, because their rounding depends on it.</li>
 *   <li>Buffers are reused across calls.</li>
 * </ul>
 * One instance per thread: it is not thread-safe.
 */
public final class PdqHasher {

    /** Images smaller than this in either dimension hash to zero with quality 0, as in the reference. */
    public static final int MIN_HASHABLE_DIMENSION = 5;

    private static final int SIDE = 64;
    private static final int DCT_SIDE = 16;
    private static final int JAROSZ_PASSES = 2;

    /** DCT-II basis rows 1..16 (the DC row is skipped), scaled by sqrt(2/64), row-major 16x64. */
    private static final float[] DCT = dctMatrix();
    /** The same matrix transposed (64x16) so the second DCT stage runs along contiguous memory. */
    private static final float[] DCT_TRANSPOSED = transpose(DCT, DCT_SIDE, SIDE);

    private float[] planeA = new float[0];
    private float[] planeB = new float[0];
    private float[] laneSums = new float[0];
    private final float[] block64 = new float[SIDE * SIDE];
    private final float[] dctStage = new float[DCT_SIDE * SIDE];
    private final float[] dct16 = new float[DCT_SIDE * DCT_SIDE];
    private final float[] scratch16 = new float[DCT_SIDE * DCT_SIDE];
    private final float[] sorted16 = new float[DCT_SIDE * DCT_SIDE];
    private final int[] keptRows = new int[SIDE];
    private final int[] keptColumns = new int[SIDE];
    private int quality;

    /**
     * Hashes a luma plane stored row-major ({@code luma[row * columns + column]}), values 0..255.
     * The array is not modified.
     */
    public PdqResult hash(float[] luma, int rows, int columns) {
        if (rows < MIN_HASHABLE_DIMENSION || columns < MIN_HASHABLE_DIMENSION) {
            return new PdqResult(PdqHash.ZERO, 0);
        }
        ensureCapacity(rows, columns);
        transpose(luma, rows, columns, planeA);
        return hashPrepared(rows, columns);
    }

    /**
     * Hashes a luma plane stored column-major ({@code luma[column * rows + row]}). The image pipeline
     * writes luma in this order directly, which saves one transpose.
     */
    public PdqResult hashColumnMajor(float[] luma, int rows, int columns) {
        if (rows < MIN_HASHABLE_DIMENSION || columns < MIN_HASHABLE_DIMENSION) {
            return new PdqResult(PdqHash.ZERO, 0);
        }
        ensureCapacity(rows, columns);
        System.arraycopy(luma, 0, planeA, 0, rows * columns);
        return hashPrepared(rows, columns);
    }

    /** The eight dihedral hashes of a row-major luma plane; all share one quality. */
    public Map<Dihedral, PdqResult> hashDihedral(float[] luma, int rows, int columns) {
        Map<Dihedral, PdqResult> results = new EnumMap<>(Dihedral.class);
        if (rows < MIN_HASHABLE_DIMENSION || columns < MIN_HASHABLE_DIMENSION) {
            for (Dihedral transform : Dihedral.values()) {
                results.put(transform, new PdqResult(PdqHash.ZERO, 0));
            }
            return results;
        }
        ensureCapacity(rows, columns);
        transpose(luma, rows, columns, planeA);
        hashPrepared(rows, columns);
        for (Dihedral transform : Dihedral.values()) {
            transform.transform(dct16, scratch16);
            results.put(transform, new PdqResult(thresholdAtMedian(scratch16), quality));
        }
        return results;
    }

    /** Same as {@link #hashDihedral} for a column-major plane. */
    public Map<Dihedral, PdqResult> hashDihedralColumnMajor(float[] luma, int rows, int columns) {
        float[] rowMajor = new float[rows * columns];
        transpose(luma, columns, rows, rowMajor);
        return hashDihedral(rowMajor, rows, columns);
    }

    /** planeA holds the luma transposed (column-major). Leaves the DCT in {@link #dct16}. */
    private PdqResult hashPrepared(int rows, int columns) {
        if (rows == SIDE && columns == SIDE) {
            // The reference skips the blur when the input is already 64x64 (e.g. pre-scaled video frames).
            transpose(planeA, columns, rows, block64);
        } else {
            downsample(rows, columns);
        }
        quality = qualityOf(block64);
        dct64To16(block64, dctStage, dct16);
        return new PdqResult(thresholdAtMedian(dct16), quality);
    }

    private void downsample(int rows, int columns) {
        int windowAlongRows = jaroszWindow(columns);
        int windowAlongColumns = jaroszWindow(rows);
        for (int i = 0; i < SIDE; i++) {
            keptRows[i] = (int) (((i + 0.5) * rows) / SIDE);
            keptColumns[i] = (int) (((i + 0.5) * columns) / SIDE);
        }
        float[] a = planeA;
        float[] b = planeB;
        for (int pass = 1; pass <= JAROSZ_PASSES; pass++) {
            boolean last = pass == JAROSZ_PASSES;
            // Horizontal pass: one lane per image row, stepping along columns of the transposed plane.
            boxFilterLanes(a, b, columns, rows, windowAlongRows, last ? keptColumns : null);
            int keptWidth = last ? SIDE : columns;
            // Vertical pass: one lane per (kept) column, stepping along rows of the row-major plane.
            transpose(b, keptWidth, rows, a);
            if (last) {
                boxFilterLanes(a, block64, rows, SIDE, windowAlongColumns, keptRows);
            } else {
                boxFilterLanes(a, b, rows, columns, windowAlongColumns, null);
                transpose(b, rows, columns, a);
            }
        }
    }

    /** Window of each of the two box passes: half of a 1/64th block, rounded up (reference semantics). */
    static int jaroszWindow(int dimension) {
        return (dimension + 2 * SIDE - 1) / (2 * SIDE);
    }

    /**
     * Runs {@code lanes} independent box filters of width {@code window} along {@code steps} steps; input
     * and output are step-major ({@code [step * lanes + lane]}). Each lane performs exactly the reference's
     * sequence: accumulate half a window, then add-write, add-subtract-write, subtract-write. When
     * {@code keep} is given only those steps are divided and written, compactly, in {@code keep}'s order.
     */
    private void boxFilterLanes(float[] in, float[] out, int steps, int lanes, int window, int[] keep) {
        float[] sum = laneSums;
        Arrays.fill(sum, 0, lanes, 0f);
        int half = (window + 2) / 2;
        int accumulateOnly = half - 1;
        int growing = window - half + 1;
        int full = steps - window;
        int shrinking = half - 1;

        int right = 0;
        int left = 0;
        int output = 0;
        int kept = 0;
        int count = 0;
        for (int i = 0; i < accumulateOnly; i++, right++, count++) {
            add(sum, in, right * lanes, lanes);
        }
        for (int i = 0; i < growing; i++, right++, output++) {
            add(sum, in, right * lanes, lanes);
            count++;
            kept = write(sum, out, output, kept, keep, lanes, count);
        }
        for (int i = 0; i < full; i++, right++, left++, output++) {
            addSubtract(sum, in, right * lanes, left * lanes, lanes);
            kept = write(sum, out, output, kept, keep, lanes, count);
        }
        for (int i = 0; i < shrinking; i++, left++, output++) {
            subtract(sum, in, left * lanes, lanes);
            count--;
            kept = write(sum, out, output, kept, keep, lanes, count);
        }
    }

    private static int write(float[] sum, float[] out, int step, int kept, int[] keep, int lanes, int count) {
        float divisor = count;
        if (keep == null) {
            divide(sum, out, step * lanes, lanes, divisor);
            return kept;
        }
        // Decimation may keep one step several times when the image is smaller than 64 in that dimension.
        while (kept < keep.length && keep[kept] == step) {
            divide(sum, out, kept * lanes, lanes, divisor);
            kept++;
        }
        return kept;
    }

    private static void add(float[] sum, float[] in, int offset, int lanes) {
        for (int lane = 0; lane < lanes; lane++) {
            sum[lane] += in[offset + lane];
        }
    }

    private static void addSubtract(float[] sum, float[] in, int addOffset, int subtractOffset, int lanes) {
        for (int lane = 0; lane < lanes; lane++) {
            // Two roundings, as in the reference: (sum + right) - left.
            float grown = sum[lane] + in[addOffset + lane];
            sum[lane] = grown - in[subtractOffset + lane];
        }
    }

    private static void subtract(float[] sum, float[] in, int offset, int lanes) {
        for (int lane = 0; lane < lanes; lane++) {
            sum[lane] -= in[offset + lane];
        }
    }

    private static void divide(float[] sum, float[] out, int offset, int lanes, float divisor) {
        for (int lane = 0; lane < lanes; lane++) {
            out[offset + lane] = sum[lane] / divisor;
        }
    }

    /** Counts significant gradients of the 64x64 image; heuristic constants from the PDQ paper. */
    static int qualityOf(float[] block) {
        int gradientSum = 0;
        for (int i = 0; i < SIDE - 1; i++) {
            for (int j = 0; j < SIDE; j++) {
                float u = block[i * SIDE + j];
                float v = block[(i + 1) * SIDE + j];
                int d = (int) (((u - v) * 100f) / 255f);
                gradientSum += Math.abs(d);
            }
        }
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE - 1; j++) {
                float u = block[i * SIDE + j];
                float v = block[i * SIDE + j + 1];
                int d = (int) (((u - v) * 100f) / 255f);
                gradientSum += Math.abs(d);
            }
        }
        return Math.min(100, gradientSum / 90);
    }

    /** B = D A D^T, keeping the reference's summation order (k ascending) for every coefficient. */
    private static void dct64To16(float[] a, float[] stage, float[] out) {
        Arrays.fill(stage, 0f);
        for (int i = 0; i < DCT_SIDE; i++) {
            int row = i * SIDE;
            for (int k = 0; k < SIDE; k++) {
                float d = DCT[row + k];
                int aRow = k * SIDE;
                for (int j = 0; j < SIDE; j++) {
                    stage[row + j] += d * a[aRow + j];
                }
            }
        }
        Arrays.fill(out, 0f);
        for (int i = 0; i < DCT_SIDE; i++) {
            int outRow = i * DCT_SIDE;
            for (int k = 0; k < SIDE; k++) {
                float t = stage[i * SIDE + k];
                int dRow = k * DCT_SIDE;
                for (int j = 0; j < DCT_SIDE; j++) {
                    out[outRow + j] += t * DCT_TRANSPOSED[dRow + j];
                }
            }
        }
    }

    /**
     * Sets bit k where coefficient k exceeds the median. The reference's Torben median of 256 values always
     * returns the 128th smallest, which a sort of a copy gives directly.
     */
    private PdqHash thresholdAtMedian(float[] coefficients) {
        System.arraycopy(coefficients, 0, sorted16, 0, coefficients.length);
        Arrays.sort(sorted16);
        float median = sorted16[(coefficients.length + 1) / 2 - 1];
        long[] words = new long[4];
        for (int k = 0; k < coefficients.length; k++) {
            if (coefficients[k] > median) {
                words[k >>> 6] |= 1L << (k & 63);
            }
        }
        return PdqHash.ofWords(words);
    }

    private void ensureCapacity(int rows, int columns) {
        // The last passes keep 64 columns, which is more than the image has when it is narrower than 64.
        int size = rows * Math.max(columns, SIDE);
        if (planeA.length < size) {
            planeA = new float[size];
            planeB = new float[size];
        }
        int lanes = Math.max(Math.max(rows, columns), SIDE);
        if (laneSums.length < lanes) {
            laneSums = new float[lanes];
        }
    }

    /** Transposes a row-major rows x columns matrix into a row-major columns x rows one, in cache blocks. */
    static void transpose(float[] in, int rows, int columns, float[] out) {
        final int block = 32;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < columns; c0 += block) {
                int c1 = Math.min(columns, c0 + block);
                for (int r = r0; r < r1; r++) {
                    int inRow = r * columns;
                    for (int c = c0; c < c1; c++) {
                        out[c * rows + r] = in[inRow + c];
                    }
                }
            }
        }
    }

    private static float[] transpose(float[] in, int rows, int columns) {
        float[] out = new float[rows * columns];
        transpose(in, rows, columns, out);
        return out;
    }

    private static float[] dctMatrix() {
        float[] matrix = new float[DCT_SIDE * SIDE];
        float scale = (float) StrictMath.sqrt(2.0 / SIDE);
        for (int i = 0; i < DCT_SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                matrix[i * SIDE + j] = (float) (scale * StrictMath.cos((Math.PI / 2.0 / SIDE) * (i + 1) * (2 * j + 1)));
            }
        }
        return matrix;
    }
}
