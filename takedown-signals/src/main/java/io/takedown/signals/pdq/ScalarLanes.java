package io.takedown.signals.pdq;

/** Plain loops; used when the Vector API module is not loaded. */
final class ScalarLanes implements LaneArithmetic {

    @Override
    public void add(float[] sum, float[] in, int offset, int lanes) {
        for (int i = 0; i < lanes; i++) {
            sum[i] += in[offset + i];
        }
    }

    @Override
    public void addSubtract(float[] sum, float[] in, int addOffset, int subtractOffset, int lanes) {
        for (int i = 0; i < lanes; i++) {
            float grown = sum[i] + in[addOffset + i];
            sum[i] = grown - in[subtractOffset + i];
        }
    }

    @Override
    public void subtract(float[] sum, float[] in, int offset, int lanes) {
        for (int i = 0; i < lanes; i++) {
            sum[i] -= in[offset + i];
        }
    }

    @Override
    public void divide(float[] sum, float[] out, int offset, int lanes, float divisor) {
        for (int i = 0; i < lanes; i++) {
            out[offset + i] = sum[i] / divisor;
        }
    }

    @Override
    public void divideInPlace(float[] data, int offset, int length, float divisor) {
        for (int i = offset; i < offset + length; i++) {
            data[i] /= divisor;
        }
    }

    @Override
    public void multiplyAdd(float[] acc, int accOffset, float factor, float[] row, int rowOffset, int lanes) {
        for (int i = 0; i < lanes; i++) {
            float product = factor * row[rowOffset + i];
            acc[accOffset + i] += product;
        }
    }
}
