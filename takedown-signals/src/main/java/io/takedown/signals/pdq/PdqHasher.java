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
 *       ("lanes"): columns for the vertical pass, with the Vector API where loaded ({@link LaneArithmetic}),
 *       and four interleaved rows for the horizontal pass; the reference walks one sum at a time.</li>
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
    private final LaneArithmetic arithmetic;

    public PdqHasher() {
        this(LaneArithmetic.best());
    }

    /** With a chosen arithmetic; tests use it to prove the scalar and vector kernels agree to the bit. */
    PdqHasher(LaneArithmetic arithmetic) {
        this.arithmetic = arithmetic;
    }

    /**
     * Hashes a luma plane stored row-major ({@code luma[row * columns + column]}), values 0..255.
     * The array is not modified.
     */
    public PdqResult hash(float[] luma, int rows, int columns) {
        if (rows < MIN_HASHABLE_DIMENSION || columns < MIN_HASHABLE_DIMENSION) {
            return new PdqResult(PdqHash.ZERO, 0);
        }
        return hashPrepared(luma, rows, columns);
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
        hashPrepared(luma, rows, columns);
        for (Dihedral transform : Dihedral.values()) {
            transform.transform(dct16, scratch16);
            results.put(transform, new PdqResult(thresholdAtMedian(scratch16), quality));
        }
        return results;
    }

    /** Leaves the DCT in {@link #dct16}. */
    private PdqResult hashPrepared(float[] luma, int rows, int columns) {
        if (rows == SIDE && columns == SIDE) {
            // The reference skips the blur when the input is already 64x64 (e.g. pre-scaled video frames).
            System.arraycopy(luma, 0, block64, 0, SIDE * SIDE);
        } else {
            ensureCapacity(rows, columns);
            downsample(luma, rows, columns);
        }
        quality = qualityOf(block64);
        dct64To16(block64, dctStage, dct16);
        return new PdqResult(thresholdAtMedian(dct16), quality);
    }

    /**
     * Two passes of horizontal then vertical box filtering, then keeping 64 x 64 samples. The vertical
     * filter runs one lane per column straight on the row-major plane; the horizontal filter walks rows.
     * The second pass divides only where a sample is kept.
     */
    private void downsample(float[] luma, int rows, int columns) {
        int windowAlongRows = jaroszWindow(columns);
        int windowAlongColumns = jaroszWindow(rows);
        for (int i = 0; i < SIDE; i++) {
            keptRows[i] = (int) (((i + 0.5) * rows) / SIDE);
            keptColumns[i] = (int) (((i + 0.5) * columns) / SIDE);
        }
        horizontal(luma, planeA, rows, columns, windowAlongRows, null);
        boxFilterLanes(planeA, planeB, rows, columns, windowAlongColumns, null);
        horizontal(planeB, planeA, rows, columns, windowAlongRows, keptColumns);
        boxFilterLanes(planeA, block64, rows, SIDE, windowAlongColumns, keptRows);
    }

    /**
     * Horizontal box filter of every row: output is rows x columns, or rows x 64 when {@code keep} is
     * given. A row's running sum is a serial chain of dependent additions, so four rows advance together
     * to keep the floating-point units busy; each row still sees exactly the reference's operations.
     */
    private void horizontal(float[] in, float[] out, int rows, int columns, int window, int[] keep) {
        for (int r = 0; r < rows; r += 4) {
            horizontalFour(in, out, r, Math.min(rows - 1, r + 1), Math.min(rows - 1, r + 2), Math.min(rows - 1, r + 3),
                    columns, window, keep);
        }
    }

    /** Filters rows r0..r3 (repeats allowed at the bottom edge: a repeated row is written twice, identically). */
    private void horizontalFour(float[] in, float[] out, int r0, int r1, int r2, int r3, int columns,
                                       int window, int[] keep) {
        int outColumns = keep == null ? columns : SIDE;
        int i0 = r0 * columns;
        int i1 = r1 * columns;
        int i2 = r2 * columns;
        int i3 = r3 * columns;
        int o0 = r0 * outColumns;
        int o1 = r1 * outColumns;
        int o2 = r2 * outColumns;
        int o3 = r3 * outColumns;
        int half = (window + 2) / 2;
        int accumulateOnly = half - 1;
        int growing = window - half + 1;
        int full = columns - window;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int right = 0;
        int left = 0;
        int output = 0;
        int count = 0;
        int kept = 0;
        for (int i = 0; i < accumulateOnly; i++, right++, count++) {
            s0 += in[i0 + right];
            s1 += in[i1 + right];
            s2 += in[i2 + right];
            s3 += in[i3 + right];
        }
        if (keep == null) {
            // Sums now, divisions after the row: most share one divisor and run as vectors.
            for (int i = 0; i < growing; i++, right++, output++) {
                s0 += in[i0 + right];
                s1 += in[i1 + right];
                s2 += in[i2 + right];
                s3 += in[i3 + right];
                out[o0 + output] = s0;
                out[o1 + output] = s1;
                out[o2 + output] = s2;
                out[o3 + output] = s3;
            }
            for (int i = 0; i < full; i++, right++, left++, output++) {
                // Two roundings, as in the reference: (sum + right) - left.
                s0 = (s0 + in[i0 + right]) - in[i0 + left];
                s1 = (s1 + in[i1 + right]) - in[i1 + left];
                s2 = (s2 + in[i2 + right]) - in[i2 + left];
                s3 = (s3 + in[i3 + right]) - in[i3 + left];
                out[o0 + output] = s0;
                out[o1 + output] = s1;
                out[o2 + output] = s2;
                out[o3 + output] = s3;
            }
            for (int i = 0; i < half - 1; i++, left++, output++) {
                s0 -= in[i0 + left];
                s1 -= in[i1 + left];
                s2 -= in[i2 + left];
                s3 -= in[i3 + left];
                out[o0 + output] = s0;
                out[o1 + output] = s1;
                out[o2 + output] = s2;
                out[o3 + output] = s3;
            }
        } else {
            int end = output + growing + full + (half - 1);
            while (output < end) {
                if (output < growing) {
                    s0 += in[i0 + right];
                    s1 += in[i1 + right];
                    s2 += in[i2 + right];
                    s3 += in[i3 + right];
                    right++;
                    count++;
                } else if (right < columns) {
                    s0 = (s0 + in[i0 + right]) - in[i0 + left];
                    s1 = (s1 + in[i1 + right]) - in[i1 + left];
                    s2 = (s2 + in[i2 + right]) - in[i2 + left];
                    s3 = (s3 + in[i3 + right]) - in[i3 + left];
                    right++;
                    left++;
                } else {
                    s0 -= in[i0 + left];
                    s1 -= in[i1 + left];
                    s2 -= in[i2 + left];
                    s3 -= in[i3 + left];
                    left++;
                    count--;
                }
                float divisor = count;
                // Decimation may keep one column several times when the image is narrower than 64.
                while (kept < SIDE && keep[kept] == output) {
                    out[o0 + kept] = s0 / divisor;
                    out[o1 + kept] = s1 / divisor;
                    out[o2 + kept] = s2 / divisor;
                    out[o3 + kept] = s3 / divisor;
                    kept++;
                }
                output++;
            }
        }
        if (keep == null) {
            divideByCounts(out, o0, columns, window, half);
            if (r1 != r0) {
                divideByCounts(out, o1, columns, window, half);
            }
            if (r2 != r1) {
                divideByCounts(out, o2, columns, window, half);
            }
            if (r3 != r2) {
                divideByCounts(out, o3, columns, window, half);
            }
        }
    }

    /** Divides a row of window sums by how many samples each one holds: fewer at both edges. */
    private void divideByCounts(float[] row, int offset, int columns, int window, int half) {
        int growing = window - half + 1;
        int full = columns - window;
        int count = half - 1;
        for (int k = 0; k < growing; k++) {
            count++;
            row[offset + k] /= count;
        }
        arithmetic.divideInPlace(row, offset + growing, full, window);
        for (int k = growing + full; k < columns; k++) {
            count--;
            row[offset + k] /= count;
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
            arithmetic.add(sum, in, right * lanes, lanes);
        }
        for (int i = 0; i < growing; i++, right++, output++) {
            arithmetic.add(sum, in, right * lanes, lanes);
            count++;
            kept = write(sum, out, output, kept, keep, lanes, count);
        }
        for (int i = 0; i < full; i++, right++, left++, output++) {
            arithmetic.addSubtract(sum, in, right * lanes, left * lanes, lanes);
            kept = write(sum, out, output, kept, keep, lanes, count);
        }
        for (int i = 0; i < shrinking; i++, left++, output++) {
            arithmetic.subtract(sum, in, left * lanes, lanes);
            count--;
            kept = write(sum, out, output, kept, keep, lanes, count);
        }
    }

    private int write(float[] sum, float[] out, int step, int kept, int[] keep, int lanes, int count) {
        float divisor = count;
        if (keep == null) {
            arithmetic.divide(sum, out, step * lanes, lanes, divisor);
            return kept;
        }
        // Decimation may keep one step several times when the image is smaller than 64 in that dimension.
        while (kept < keep.length && keep[kept] == step) {
            arithmetic.divide(sum, out, kept * lanes, lanes, divisor);
            kept++;
        }
        return kept;
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
    private void dct64To16(float[] a, float[] stage, float[] out) {
        Arrays.fill(stage, 0f);
        for (int i = 0; i < DCT_SIDE; i++) {
            int row = i * SIDE;
            for (int k = 0; k < SIDE; k++) {
                arithmetic.multiplyAdd(stage, row, DCT[row + k], a, k * SIDE, SIDE);
            }
        }
        Arrays.fill(out, 0f);
        for (int i = 0; i < DCT_SIDE; i++) {
            int outRow = i * DCT_SIDE;
            for (int k = 0; k < SIDE; k++) {
                arithmetic.multiplyAdd(out, outRow, stage[i * SIDE + k], DCT_TRANSPOSED, k * DCT_SIDE, DCT_SIDE);
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
        // The second horizontal pass keeps 64 columns, more than the image has when it is narrower than 64.
        int size = rows * Math.max(columns, SIDE);
        if (planeA.length < size) {
            planeA = new float[size];
            planeB = new float[size];
        }
        int lanes = Math.max(columns, SIDE);
        if (laneSums.length < lanes) {
            laneSums = new float[lanes];
        }
    }

    /** A row-major rows x columns matrix as a row-major columns x rows one. */
    private static float[] transpose(float[] in, int rows, int columns) {
        float[] out = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[c * rows + r] = in[r * columns + c];
            }
        }
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
