package io.takedown.signals.robust;

import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.pdq.Dihedral;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Small rotations. A picture turned by a few degrees inside its canvas leaves the canvas corners in one fill
 * colour, as thin triangles along the edges; their height over their length is the tangent of the angle.
 * Which way it turned is not measured: the caller tries both.
 */
final class Skew {

    /** Angles below this are left alone (PDQ absorbs them), above it the picture is not "slightly" turned. */
    static final double MIN_DEGREES = 0.4;
    static final double MAX_DEGREES = 8;
    private static final int TOLERANCE = 12;

    private Skew() {
    }

    /**
     * The absolute angle in radians, when the four corners share a fill colour and its wedges are there: the
     * median of what the four edges say (one edge may be confused by picture content of the fill's colour).
     */
    static OptionalDouble angle(DecodedImage image) {
        double[] found = new double[4];
        int n = 0;
        for (Dihedral view : new Dihedral[] {Dihedral.ORIGINAL, Dihedral.FLIP_X, Dihedral.ROTATE_90, Dihedral.ROTATE_270}) {
            OptionalDouble edge = topEdgeAngle(PixelDihedral.apply(image, view));
            if (edge.isPresent()) {
                found[n++] = edge.getAsDouble();
            }
        }
        if (n == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(found, 0, n);
        double median = n % 2 == 1 ? found[n / 2] : (found[n / 2 - 1] + found[n / 2]) / 2;
        double degrees = Math.toDegrees(median);
        return degrees < MIN_DEGREES || degrees > MAX_DEGREES ? OptionalDouble.empty() : OptionalDouble.of(median);
    }

    private static OptionalDouble topEdgeAngle(DecodedImage image) {
        int w = image.width();
        int h = image.height();
        if (w < Layout.MIN_SIDE || h < Layout.MIN_SIDE) {
            return OptionalDouble.empty();
        }
        int fill = luma(image, 0, 0);
        if (Math.abs(luma(image, w - 1, 0) - fill) > TOLERANCE || Math.abs(luma(image, 0, h - 1) - fill) > TOLERANCE
                || Math.abs(luma(image, w - 1, h - 1) - fill) > TOLERANCE) {
            return OptionalDouble.empty();
        }
        // Top edge, away from the side triangles: the fill is a wedge from about the middle to one end whose
        // depth grows by the tangent per column. The slope is fitted over the longest run of filled columns.
        int from = w / 8;
        int to = w - w / 8;
        int[] depth = new int[to - from];
        for (int x = from; x < to; x++) {
            int d = 0;
            while (d < h / 4 && Math.abs(luma(image, x, d) - fill) <= TOLERANCE) {
                d++;
            }
            depth[x - from] = d;
        }
        int bestStart = 0;
        int bestLength = 0;
        for (int i = 0; i < depth.length; ) {
            int j = i;
            while (j < depth.length && depth[j] > 0 && depth[j] < h / 4) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j + 1;
        }
        if (bestLength < w / 8) {
            return OptionalDouble.empty();
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = bestStart; i < bestStart + bestLength; i++) {
            meanX += i;
            meanY += depth[i];
        }
        meanX /= bestLength;
        meanY /= bestLength;
        double sxy = 0;
        double sxx = 0;
        for (int i = bestStart; i < bestStart + bestLength; i++) {
            sxy += (i - meanX) * (depth[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return OptionalDouble.of(Math.atan(Math.abs(sxy / sxx)));
    }

    /** The image turned by {@code radians} about its centre (bilinear), same size, uncovered pixels black. */
    static DecodedImage rotate(DecodedImage image, double radians) {
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = cos * (x - cx) + sin * (y - cy) + cx;
                double sy = -sin * (x - cx) + cos * (y - cy) + cy;
                if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) {
                    continue;
                }
                int x0 = Math.min((int) sx, w - 2);
                int y0 = Math.min((int) sy, h - 2);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < channels; c++) {
                    double top = (1 - fx) * (in[(y0 * w + x0) * channels + c] & 0xff)
                            + fx * (in[(y0 * w + x0 + 1) * channels + c] & 0xff);
                    double bottom = (1 - fx) * (in[((y0 + 1) * w + x0) * channels + c] & 0xff)
                            + fx * (in[((y0 + 1) * w + x0 + 1) * channels + c] & 0xff);
                    out[(y * w + x) * channels + c] = (byte) Math.round((1 - fy) * top + fy * bottom);
                }
            }
        }
        return new DecodedImage(w, h, channels, out);
    }

    /** The middle of the image, {@code share} of each side: what a small rotation leaves of the picture. */
    static Region centre(DecodedImage image, double share) {
        int w = Math.max(1, (int) Math.round(image.width() * share));
        int h = Math.max(1, (int) Math.round(image.height() * share));
        return new Region((image.width() - w) / 2, (image.height() - h) / 2, w, h);
    }

    private static int luma(DecodedImage image, int x, int y) {
        byte[] p = image.pixels();
        if (image.grey()) {
            return p[y * image.width() + x] & 0xff;
        }
        int i = (y * image.width() + x) * 3;
        return (299 * (p[i] & 0xff) + 587 * (p[i + 1] & 0xff) + 114 * (p[i + 2] & 0xff) + 500) / 1000;
    }
}
