package io.takedown.signals.pdq;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The same operations with the Vector API (AVX-512 or AVX2 where present); tails run scalar. */
final class VectorLanes implements LaneArithmetic {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int WIDTH = SPECIES.length();

    @Override
    public void add(float[] sum, float[] in, int offset, int lanes) {
        int i = 0;
        for (int bound = SPECIES.loopBound(lanes); i < bound; i += WIDTH) {
            FloatVector.fromArray(SPECIES, sum, i).add(FloatVector.fromArray(SPECIES, in, offset + i)).intoArray(sum, i);
        }
        for (; i < lanes; i++) {
            sum[i] += in[offset + i];
        }
    }

    @Override
    public void addSubtract(float[] sum, float[] in, int addOffset, int subtractOffset, int lanes) {
        int i = 0;
        for (int bound = SPECIES.loopBound(lanes); i < bound; i += WIDTH) {
            FloatVector.fromArray(SPECIES, sum, i)
                    .add(FloatVector.fromArray(SPECIES, in, addOffset + i))
                    .sub(FloatVector.fromArray(SPECIES, in, subtractOffset + i))
                    .intoArray(sum, i);
        }
        for (; i < lanes; i++) {
            float grown = sum[i] + in[addOffset + i];
            sum[i] = grown - in[subtractOffset + i];
        }
    }

    @Override
    public void subtract(float[] sum, float[] in, int offset, int lanes) {
        int i = 0;
        for (int bound = SPECIES.loopBound(lanes); i < bound; i += WIDTH) {
            FloatVector.fromArray(SPECIES, sum, i).sub(FloatVector.fromArray(SPECIES, in, offset + i)).intoArray(sum, i);
        }
        for (; i < lanes; i++) {
            sum[i] -= in[offset + i];
        }
    }

    @Override
    public void divide(float[] sum, float[] out, int offset, int lanes, float divisor) {
        int i = 0;
        for (int bound = SPECIES.loopBound(lanes); i < bound; i += WIDTH) {
            FloatVector.fromArray(SPECIES, sum, i).div(divisor).intoArray(out, offset + i);
        }
        for (; i < lanes; i++) {
            out[offset + i] = sum[i] / divisor;
        }
    }

    @Override
    public void divideInPlace(float[] data, int offset, int length, float divisor) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += WIDTH) {
            FloatVector.fromArray(SPECIES, data, offset + i).div(divisor).intoArray(data, offset + i);
        }
        for (; i < length; i++) {
            data[offset + i] /= divisor;
        }
    }

    @Override
    public void multiplyAdd(float[] acc, int accOffset, float factor, float[] row, int rowOffset, int lanes) {
        int i = 0;
        for (int bound = SPECIES.loopBound(lanes); i < bound; i += WIDTH) {
            FloatVector product = FloatVector.fromArray(SPECIES, row, rowOffset + i).mul(factor);
            FloatVector.fromArray(SPECIES, acc, accOffset + i).add(product).intoArray(acc, accOffset + i);
        }
        for (; i < lanes; i++) {
            float product = factor * row[rowOffset + i];
            acc[accOffset + i] += product;
        }
    }
}
