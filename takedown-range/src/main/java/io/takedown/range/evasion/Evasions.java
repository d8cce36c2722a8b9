package io.takedown.range.evasion;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Renders one evasion of a picture; each method draws its parameters from {@code random}. */
public final class Evasions {

    private Evasions() {
    }

    /** A uniform frame of any width (2-30 % of the side, each side its own), at the new size. */
    public static BufferedImage framed(BufferedImage picture, SplittableRandom random) {
        int side = Math.max(picture.getWidth(), picture.getHeight());
        int top = side * (2 + random.nextInt(29)) / 100;
        int bottom = random.nextBoolean() ? top : side * (2 + random.nextInt(29)) / 100;
        int left = random.nextBoolean() ? top : side * (2 + random.nextInt(29)) / 100;
        int right = random.nextBoolean() ? left : side * (2 + random.nextInt(29)) / 100;
        Color colour = frameColour(random);
        BufferedImage out = canvas(picture.getWidth() + left + right, picture.getHeight() + top + bottom, colour);
        Graphics2D g = out.createGraphics();
        if (random.nextInt(3) == 0) {
            // A second, inner frame line in another colour, as picture-frame filters draw.
            g.setColor(frameColour(random));
            int line = 2 + random.nextInt(4);
            g.fillRect(left - line, top - line, picture.getWidth() + 2 * line, picture.getHeight() + 2 * line);
        }
        g.drawImage(picture, left, top, null);
        g.dispose();
        return out;
    }

    /** Letterboxed (bars above and below) or pillarboxed (bars left and right) to 16:9, in black or white. */
    public static BufferedImage letterboxed(BufferedImage picture, SplittableRandom random) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        boolean wide = random.nextBoolean();
        int outW = wide ? w * 16 / 9 : w;
        int outH = wide ? h : h * 16 / 9;
        BufferedImage out = canvas(outW, outH, random.nextInt(4) == 0 ? Color.WHITE : Color.BLACK);
        Graphics2D g = out.createGraphics();
        g.drawImage(picture, (outW - w) / 2, (outH - h) / 2, null);
        g.dispose();
        return out;
    }

    /** A caption band added above or below (or both), blocky dark "text" on white or light "text" on dark. */
    public static BufferedImage captioned(BufferedImage picture, SplittableRandom random) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        boolean above = random.nextInt(3) != 0;
        boolean below = !above || random.nextInt(3) == 0;
        int lines = 1 + random.nextInt(3);
        int scale = 2 + random.nextInt(2);
        int band = lines * 9 * scale + 8 + 2 * random.nextInt(10);
        boolean dark = random.nextInt(4) == 0;
        Color paper = dark ? new Color(24, 24, 24) : Color.WHITE;
        Color ink = dark ? Color.WHITE : Color.BLACK;
        BufferedImage out = canvas(w, h + (above ? band : 0) + (below ? band : 0), paper);
        Graphics2D g = out.createGraphics();
        g.drawImage(picture, 0, above ? band : 0, null);
        if (above) {
            Glyphs.lines(g, random, 0, 0, w, band, lines, scale, ink, null);
        }
        if (below) {
            Glyphs.lines(g, random, 0, h + (above ? band : 0), w, band, lines, scale, ink, null);
        }
        g.dispose();
        return out;
    }

    /** Meme text over the picture itself: white blocky letters with a black outline, at the top and bottom. */
    public static BufferedImage memeText(BufferedImage picture, SplittableRandom random) {
        BufferedImage out = copyOf(picture);
        int w = out.getWidth();
        int h = out.getHeight();
        Graphics2D g = out.createGraphics();
        int scale = 3 + random.nextInt(2);
        int band = 9 * scale + 8;
        Glyphs.lines(g, random, 0, 4, w, band, 1, scale, Color.WHITE, Color.BLACK);
        if (random.nextBoolean()) {
            Glyphs.lines(g, random, 0, h - band - 4, w, band, 1, scale, Color.WHITE, Color.BLACK);
        }
        g.dispose();
        return out;
    }

    /** Turned by 1-5 degrees either way about the centre, same size, the uncovered corners filled. */
    public static BufferedImage rotated(BufferedImage picture, SplittableRandom random) {
        double degrees = (1 + random.nextInt(9) * 0.5) * (random.nextBoolean() ? 1 : -1);
        return Rotation.rotate(picture, Math.toRadians(degrees), frameColour(random).getRGB());
    }

    /** The picture in greyscale (luma), as a filter or a black-and-white re-post makes it. */
    public static BufferedImage greyscale(BufferedImage picture) {
        BufferedImage out = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int rgb = picture.getRGB(x, y);
                int l = (299 * ((rgb >> 16) & 255) + 587 * ((rgb >> 8) & 255) + 114 * (rgb & 255) + 500) / 1000;
                out.setRGB(x, y, (l << 16) | (l << 8) | l);
            }
        }
        return out;
    }

    /**
     * A screenshot of a fake messaging app showing the picture in a post: status bar, a header with an avatar
     * and a name, a line or two of text, the picture (full width or inside margins, scaled), reactions and the
     * navigation bar, in a light or dark theme.
     */
    public static BufferedImage screenshot(BufferedImage picture, SplittableRandom random) {
        int width = 360;
        int height = 640;
        boolean dark = random.nextBoolean();
        Color background = dark ? new Color(23, 33, 43) : Color.WHITE;
        Color ink = dark ? new Color(230, 230, 230) : new Color(20, 20, 20);
        Color accent = new Color(random.nextInt(0x1000000));
        BufferedImage out = canvas(width, height, background);
        Graphics2D g = out.createGraphics();
        g.setColor(dark ? Color.BLACK : new Color(accent.getRGB()).darker());
        g.fillRect(0, 0, width, 24);
        g.setColor(Color.WHITE);
        g.fillRect(12, 8, 30, 8);
        g.fillRect(width - 48, 8, 36, 8);
        g.setColor(accent);
        g.fillRect(0, 24, width, 52);
        g.setColor(Color.WHITE);
        g.fillOval(12, 32, 36, 36);
        Glyphs.line(g, random, 58, 40, 200, 2, Color.WHITE, null);
        int y = 76 + 10;
        int lines = random.nextInt(3);
        if (lines > 0) {
            Glyphs.lines(g, random, 8, y, width - 16, lines * 18 + 4, lines, 2, ink, null);
            y += lines * 18 + 4 + 6;
        }
        int margin = random.nextBoolean() ? 0 : 8 + random.nextInt(17);
        int side = width - 2 * margin;
        Graphics2D scaled = out.createGraphics();
        scaled.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        scaled.drawImage(picture, margin, y, side, side * picture.getHeight() / picture.getWidth(), null);
        scaled.dispose();
        y += side * picture.getHeight() / picture.getWidth() + 10;
        g.setColor(dark ? new Color(120, 130, 140) : new Color(140, 140, 140));
        for (int i = 0; i < 4; i++) {
            g.fillOval(16 + i * 60, y, 18, 18);
        }
        y += 30;
        if (y < height - 80) {
            Glyphs.lines(g, random, 8, y, width - 16, 40, 2, 2, ink, null);
        }
        g.setColor(dark ? new Color(30, 40, 52) : new Color(245, 245, 245));
        g.fillRect(0, height - 48, width, 48);
        g.setColor(dark ? new Color(150, 160, 170) : new Color(110, 110, 110));
        for (int i = 0; i < 5; i++) {
            g.fillRect(24 + i * 70, height - 34, 20, 20);
        }
        g.dispose();
        return out;
    }

    /**
     * The picture as one panel of a collage of 2 x 2, 1 x 2 or 2 x 1 panels with unrelated pictures, behind a
     * uniform gutter of 3-12 pixels.
     */
    public static BufferedImage collage(BufferedImage picture, SplittableRandom random) {
        int columns = 1 + random.nextInt(2);
        int rows = columns == 1 ? 2 : 1 + random.nextInt(2);
        int cell = 200;
        int gutter = 3 + random.nextInt(10);
        BufferedImage out = canvas(columns * cell + (columns + 1) * gutter, rows * cell + (rows + 1) * gutter,
                frameColour(random));
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int at = random.nextInt(columns * rows);
        for (int i = 0; i < columns * rows; i++) {
            BufferedImage panel = i == at ? picture : filler(random, picture.getWidth());
            g.drawImage(panel, gutter + (i % columns) * (cell + gutter), gutter + (i / columns) * (cell + gutter),
                    cell, cell, null);
        }
        g.dispose();
        return out;
    }

    /** An unrelated picture for the other panels of a collage: a gradient and shapes, nothing banked. */
    static BufferedImage filler(SplittableRandom random, int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0x1000000)), side, side / 2f,
                new Color(random.nextInt(0x1000000))));
        g.fillRect(0, 0, side, side);
        for (int i = 0; i < 7; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            int x = random.nextInt(side);
            int y = random.nextInt(side);
            int s = 16 + random.nextInt(side / 2);
            if (random.nextBoolean()) {
                g.fillOval(x - s / 2, y - s / 2, s, s);
            } else {
                g.fillRect(x - s / 2, y - s / 3, s, 2 * s / 3);
            }
        }
        g.dispose();
        return image;
    }

    private static Color frameColour(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Color.BLACK;
            case 1 -> Color.WHITE;
            default -> new Color(random.nextInt(0x1000000));
        };
    }

    private static BufferedImage canvas(int width, int height, Color colour) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return out;
    }

    /** An RGB copy to draw on, leaving {@code source} as generated. */
    public static BufferedImage copyOf(BufferedImage source) {
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.setData(source.getData());
        return out;
    }
}
