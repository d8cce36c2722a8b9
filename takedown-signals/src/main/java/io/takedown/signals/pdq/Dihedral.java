package io.takedown.signals.pdq;

/**
 * The eight symmetries of a rectangle. PDQ computes the hashes of all eight from one DCT by permuting and
 * negating coefficients, so a flipped or rotated re-upload is caught without decoding it eight times.
 * The names are those of the reference's {@code --pdqdih} output.
 */
public enum Dihedral {
    ORIGINAL("original"),
    ROTATE_90("rotate90"),
    ROTATE_180("rotate180"),
    ROTATE_270("rotate270"),
    FLIP_X("flipx"),
    FLIP_Y("flipy"),
    FLIP_PLUS_1("flipplus1"),
    FLIP_MINUS_1("flipminus1");

    private final String label;

    Dihedral(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Dihedral fromLabel(String label) {
        for (Dihedral transform : values()) {
            if (transform.label.equals(label)) {
                return transform;
            }
        }
        throw new IllegalArgumentException("unknown dihedral transform: " + label);
    }

    /**
     * Writes into {@code out} the 16x16 DCT coefficients of the transformed image, given those of the
     * original: a transpose for the diagonal symmetries and a sign flip of odd rows and/or columns.
     */
    void transform(float[] dct, float[] out) {
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                float a = dct[i * 16 + j];
                switch (this) {
                    case ORIGINAL -> out[i * 16 + j] = a;
                    case ROTATE_90 -> out[j * 16 + i] = (j & 1) != 0 ? a : -a;
                    case ROTATE_180 -> out[i * 16 + j] = ((i + j) & 1) != 0 ? -a : a;
                    case ROTATE_270 -> out[j * 16 + i] = (i & 1) != 0 ? a : -a;
                    case FLIP_X -> out[i * 16 + j] = (i & 1) != 0 ? a : -a;
                    case FLIP_Y -> out[i * 16 + j] = (j & 1) != 0 ? a : -a;
                    case FLIP_PLUS_1 -> out[j * 16 + i] = a;
                    case FLIP_MINUS_1 -> out[j * 16 + i] = ((i + j) & 1) != 0 ? -a : a;
                }
            }
        }
    }
}
