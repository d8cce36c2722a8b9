package io.takedown.range.evasion;

import java.awt.image.BufferedImage;

/** Rotation about the centre with bilinear sampling in plain arithmetic (Java2D's loops may differ by platform). */
final class Rotation {

    private Rotation() {
    }

    static BufferedImage rotate(BufferedImage source, double radians, int fill) {
        int w = source.getWidth();
        int h = source.getHeight();
        int[] in = source.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[w * h];
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = cos * (x - cx) + sin * (y - cy) + cx;
                double sy = -sin * (x - cx) + cos * (y - cy) + cy;
                out[y * w + x] = sample(in, w, h, sx, sy, fill);
            }
        }
        BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, w, h, out, 0, w);
        return result;
    }

    private static int sample(int[] in, int w, int h, double x, double y, int fill) {
        if (x < 0 || y < 0 || x > w - 1 || y > h - 1) {
            return fill;
        }
        int x0 = Math.min((int) x, w - 2);
        int y0 = Math.min((int) y, h - 2);
        double fx = x - x0;
        double fy = y - y0;
        int rgb = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            double top = (1 - fx) * (in[y0 * w + x0] >> shift & 255) + fx * (in[y0 * w + x0 + 1] >> shift & 255);
            double bottom = (1 - fx) * (in[(y0 + 1) * w + x0] >> shift & 255) + fx * (in[(y0 + 1) * w + x0 + 1] >> shift & 255);
            rgb |= (int) Math.round((1 - fy) * top + fy * bottom) << shift;
        }
        return rgb;
    }
}
