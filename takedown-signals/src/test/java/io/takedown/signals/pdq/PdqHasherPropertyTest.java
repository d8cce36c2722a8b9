package io.takedown.signals.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast filter (lanes, interleaved rows, deferred divisions, Vector API) against a literal transcription
 * of the published algorithm's blur and decimation, on random sizes and contents: bit-identical 64x64
 * blocks, hence identical hashes. Also scalar against vector kernels.
 */
class PdqHasherPropertyTest {

    record Plane(int rows, int columns, float[] luma) {
        @Override
        public String toString() {
            return rows + "x" + columns;
        }
    }

    @Provide
    Arbitrary<Plane> planes() {
        Arbitrary<Integer> side = Arbitraries.oneOf(Arbitraries.integers().between(5, 140),
                Arbitraries.of(63, 64, 65, 127, 128, 129, 255, 256, 257, 512));
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<Boolean> smooth = Arbitraries.of(true, false);
        return Combinators.combine(side, side, seed, smooth).as((rows, columns, s, isSmooth) -> {
            java.util.Random random = new java.util.Random(s);
            float[] luma = new float[rows * columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    luma[r * columns + c] = isSmooth
                            ? 0.299f * ((r * 7 + c * 3) % 256) + 0.587f * ((r * c) % 256) + 0.114f * random.nextInt(256)
                            : random.nextInt(256);
                }
            }
            return new Plane(rows, columns, luma);
        });
    }

    @Property(tries = 150)
    void fastFilterEqualsLiteralAlgorithm(@ForAll("planes") Plane plane) {
        if (plane.rows() == 64 && plane.columns() == 64) {
            return; // the reference skips the blur at exactly 64x64; nothing to compare
        }
        float[] block = LiteralJarosz.blurAndDecimate(plane.luma(), plane.rows(), plane.columns());
        PdqResult expected = new PdqHasher(new ScalarLanes()).hash(block, 64, 64);
        PdqResult fast = new PdqHasher().hash(plane.luma(), plane.rows(), plane.columns());
        assertThat(fast).isEqualTo(expected);
    }

    @Property(tries = 100)
    void scalarAndVectorKernelsAgree(@ForAll("planes") Plane plane) {
        PdqResult scalar = new PdqHasher(new ScalarLanes()).hash(plane.luma(), plane.rows(), plane.columns());
        PdqResult vector = new PdqHasher(new VectorLanes()).hash(plane.luma(), plane.rows(), plane.columns());
        assertThat(vector).isEqualTo(scalar);
        assertThat(new PdqHasher(new VectorLanes()).hashDihedral(plane.luma(), plane.rows(), plane.columns()))
                .isEqualTo(new PdqHasher(new ScalarLanes()).hashDihedral(plane.luma(), plane.rows(), plane.columns()));
    }

    /** The blur as the algorithm describes it, one row or column at a time; slow and obviously right. */
    static final class LiteralJarosz {

        static float[] blurAndDecimate(float[] luma, int rows, int columns) {
            float[] a = luma.clone();
            float[] b = new float[a.length];
            int windowAlongRows = (columns + 127) / 128;
            int windowAlongColumns = (rows + 127) / 128;
            for (int pass = 0; pass < 2; pass++) {
                for (int r = 0; r < rows; r++) {
                    box(a, b, r * columns, columns, 1, windowAlongRows);
                }
                for (int c = 0; c < columns; c++) {
                    box(b, a, c, rows, columns, windowAlongColumns);
                }
            }
            float[] block = new float[64 * 64];
            for (int i = 0; i < 64; i++) {
                int row = (int) (((i + 0.5) * rows) / 64);
                for (int j = 0; j < 64; j++) {
                    int column = (int) (((j + 0.5) * columns) / 64);
                    block[i * 64 + j] = a[row * columns + column];
                }
            }
            return block;
        }

        private static void box(float[] in, float[] out, int start, int length, int stride, int window) {
            int half = (window + 2) / 2;
            float sum = 0;
            int count = 0;
            int read = start;
            int lag = start;
            int write = start;
            for (int i = 0; i < half - 1; i++, read += stride) {
                sum += in[read];
                count++;
            }
            for (int i = 0; i < window - half + 1; i++, read += stride, write += stride) {
                sum += in[read];
                count++;
                out[write] = sum / count;
            }
            for (int i = 0; i < length - window; i++, read += stride, lag += stride, write += stride) {
                sum += in[read];
                sum -= in[lag];
                out[write] = sum / count;
            }
            for (int i = 0; i < half - 1; i++, lag += stride, write += stride) {
                sum -= in[lag];
                count--;
                out[write] = sum / count;
            }
        }
    }
}
