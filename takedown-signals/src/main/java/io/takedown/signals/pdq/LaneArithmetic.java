package io.takedown.signals.pdq;

/**
 * The element-wise float operations of the box filter and the DCT, over many independent lanes. Every
 * lane sees exactly the IEEE operations of the scalar reference (no fused multiply-add, no reordering),
 * so both implementations give identical bits; the vector one is 5-7x faster.
 */
sealed interface LaneArithmetic permits ScalarLanes, VectorLanes {

    /** {@code sum[i] += in[offset + i]}. */
    void add(float[] sum, float[] in, int offset, int lanes);

    /** {@code sum[i] = (sum[i] + in[addOffset + i]) - in[subtractOffset + i]}, two roundings. */
    void addSubtract(float[] sum, float[] in, int addOffset, int subtractOffset, int lanes);

    /** {@code sum[i] -= in[offset + i]}. */
    void subtract(float[] sum, float[] in, int offset, int lanes);

    /** {@code out[offset + i] = sum[i] / divisor}. */
    void divide(float[] sum, float[] out, int offset, int lanes, float divisor);

    /** {@code data[offset + i] /= divisor}. */
    void divideInPlace(float[] data, int offset, int length, float divisor);

    /** {@code acc[accOffset + i] += factor * row[rowOffset + i]}, product rounded before the sum. */
    void multiplyAdd(float[] acc, int accOffset, float factor, float[] row, int rowOffset, int lanes);

    /**
     * The vector implementation when the JVM was started with {@code --add-modules jdk.incubator.vector}
     * (the launcher, tests and benchmarks do), else scalar. {@code -Dtakedown.pdq.scalar=true} forces scalar.
     */
    static LaneArithmetic best() {
        if (Boolean.getBoolean("takedown.pdq.scalar")) {
            return new ScalarLanes();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return new VectorLanes();
            } catch (LinkageError e) {
                return new ScalarLanes();
            }
        }
        return new ScalarLanes();
    }
}
