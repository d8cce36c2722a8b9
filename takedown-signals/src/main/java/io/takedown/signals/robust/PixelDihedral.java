package io.takedown.signals.robust;

import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.pdq.Dihedral;

/**
 * The eight orientations of an image computed on its pixels, as a re-uploader produces them. PDQ's
 * dihedral hashes permute the DCT of the original instead; that is exact for the DCT but not for the box
 * filter and decimation before it, so a pixel-mirrored copy hashes 20-35 bits away from the DCT variant.
 */
public final class PixelDihedral {

    private PixelDihedral() {
    }

    /**
     * The image under {@code transform}, named as PDQ names its dihedral hashes (whose DCT variant it lies
     * closest to): {@code rotate90} turns a quarter anticlockwise, {@code flipx} turns it upside down,
     * {@code flipy} mirrors left to right, {@code flipplus1} transposes, {@code flipminus1} transposes along
     * the other diagonal.
     */
    public static DecodedImage apply(DecodedImage image, Dihedral transform) {
        if (transform == Dihedral.ORIGINAL) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        boolean swap = switch (transform) {
            case ROTATE_90, ROTATE_270, FLIP_PLUS_1, FLIP_MINUS_1 -> true;
            default -> false;
        };
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] source = image.pixels();
        byte[] out = new byte[source.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // The source pixel that lands at (x, y).
                int sx;
                int sy;
                switch (transform) {
                    case ROTATE_90 -> { sx = w - 1 - y; sy = x; }
                    case ROTATE_180 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case ROTATE_270 -> { sx = y; sy = h - 1 - x; }
                    case FLIP_X -> { sx = x; sy = h - 1 - y; }
                    case FLIP_Y -> { sx = w - 1 - x; sy = y; }
                    case FLIP_PLUS_1 -> { sx = y; sy = x; }
                    case FLIP_MINUS_1 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> throw new IllegalStateException();
                }
                System.arraycopy(source, (sy * w + sx) * channels, out, (y * outW + x) * channels, channels);
            }
        }
        return new DecodedImage(outW, outH, channels, out);
    }
}
