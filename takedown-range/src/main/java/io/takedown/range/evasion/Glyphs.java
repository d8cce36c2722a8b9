package io.takedown.range.evasion;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.SplittableRandom;

/**
 * Text without fonts: each letter a random 3 x 5 block pattern, scaled up, words separated by gaps. It looks
 * like text to a perceptual hash (dense high-contrast strokes) and renders identically everywhere.
 */
public final class Glyphs {

    private Glyphs() {
    }

    /** {@code count} centred lines of text inside the box, each 7 x {@code scale} pixels high. */
    public static void lines(Graphics2D g, SplittableRandom random, int x, int y, int width, int height, int count,
                      int scale, Color ink, Color outline) {
        int lineHeight = 9 * scale;
        int top = y + (height - count * lineHeight) / 2 + scale;
        for (int i = 0; i < count; i++) {
            int letters = Math.max(3, (width - 16) / (4 * scale) - random.nextInt(8));
            int lineWidth = letters * 4 * scale;
            line(g, random, x + (width - lineWidth) / 2, top + i * lineHeight, letters, scale, ink, outline);
        }
    }

    /** One line of {@code letters} letters (some of them spaces) starting at (x, y). */
    static void line(Graphics2D g, SplittableRandom random, int x, int y, int letters, int scale, Color ink,
                     Color outline) {
        int[] patterns = new int[letters];
        for (int i = 0; i < letters; i++) {
            patterns[i] = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt((1 << 15) - 1);
        }
        if (outline != null) {
            int o = Math.max(1, scale / 2);
            g.setColor(outline);
            for (int[] d : new int[][] {{-o, 0}, {o, 0}, {0, -o}, {0, o}}) {
                draw(g, patterns, x + d[0], y + d[1], scale);
            }
        }
        g.setColor(ink);
        draw(g, patterns, x, y, scale);
    }

    private static void draw(Graphics2D g, int[] patterns, int x, int y, int scale) {
        for (int i = 0; i < patterns.length; i++) {
            for (int bit = 0; bit < 15; bit++) {
                if ((patterns[i] >> bit & 1) != 0) {
                    g.fillRect(x + i * 4 * scale + (bit % 3) * scale, y + (bit / 3) * scale, scale, scale);
                }
            }
        }
    }
}
