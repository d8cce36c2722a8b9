package io.takedown.range;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.takedown.range.evasion.Evasions;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Procedural pictures: a gradient, shapes, bars standing in for a text overlay, and the outlet's logo
 * mark in a corner. No fonts (rendering must not depend on what the machine has installed), no
 * antialiasing (bit-identical across machines).
 */
public final class Images {

    public static final int SIDE = 256;

    private Images() {
    }

    public static BufferedImage original(World world, Article article) {
        SplittableRandom random = Seeds.random(world.seed(), article.id() + "/image");
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0x1000000)), SIDE, SIDE,
                new Color(random.nextInt(0x1000000))));
        g.fillRect(0, 0, SIDE, SIDE);
        for (int i = 0; i < 9; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            int x = random.nextInt(SIDE);
            int y = random.nextInt(SIDE);
            int w = 20 + random.nextInt(SIDE / 2);
            int h = 20 + random.nextInt(SIDE / 2);
            switch (random.nextInt(3)) {
                case 0 -> g.fillOval(x - w / 2, y - h / 2, w, h);
                case 1 -> g.fillRect(x - w / 2, y - h / 2, w, h);
                default -> g.fillPolygon(new int[] {x, x + w / 2, x - w / 2}, new int[] {y - h / 2, y + h / 2, y + h / 2}, 3);
            }
        }
        // A caption band: rows of short bars, as overlaid text would look.
        g.setColor(new Color(0, 0, 0));
        g.fillRect(0, SIDE - 40, SIDE, 40);
        g.setColor(Color.WHITE);
        for (int row = 0; row < 2; row++) {
            int x = 8;
            while (x < SIDE - 20) {
                int w = 6 + random.nextInt(26);
                g.fillRect(x, SIDE - 34 + row * 16, w, 9);
                x += w + 6;
            }
        }
        logo(g, article.outlet());
        g.dispose();
        return image;
    }

    /** The outlet's mark: a ring with a square, in its colour, top left. */
    public static void logo(Graphics2D g, Outlet outlet) {
        Color colour = new Color(outlet.logoColour());
        g.setColor(Color.WHITE);
        g.fillOval(6, 6, 40, 40);
        g.setColor(colour);
        g.setStroke(new BasicStroke(5));
        g.drawOval(9, 9, 34, 34);
        g.fillRect(19, 19, 14, 14);
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** The copy's file: JPEG for the lossy transforms, PNG otherwise (see {@link Copy#mediaUrl()}). */
    public static byte[] copy(World world, Copy copy) {
        BufferedImage original = original(world, copy.original());
        SplittableRandom random = Seeds.random(world.seed(), copy.id() + "/transform");
        Transform transform = copy.transform().orElseThrow();
        BufferedImage altered = switch (transform) {
            case JPEG_HIGH, JPEG_LOW -> original;
            case RESIZE -> scaled(original, (int) (SIDE * 0.7), (int) (SIDE * 0.7));
            case CROP -> {
                // Trimmed edges, then scaled back up, as re-posters do to dodge exact matching.
                int m = 1 + random.nextInt(2);
                yield scaled(original.getSubimage(m, m, SIDE - 2 * m, SIDE - 2 * m), SIDE, SIDE);
            }
            case WATERMARK -> {
                BufferedImage out = Evasions.copyOf(original);
                Graphics2D g = out.createGraphics();
                g.setColor(new Color(random.nextInt(0x1000000)));
                g.fillRect(SIDE - 60, 8, 52, 18);
                g.dispose();
                yield out;
            }
            case COLOUR_SHIFT -> {
                BufferedImage out = Evasions.copyOf(original);
                int shift = 10 + random.nextInt(20);
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        int rgb = out.getRGB(x, y);
                        int r = Math.min(255, ((rgb >> 16) & 255) + shift);
                        int gr = (rgb >> 8) & 255;
                        int b = Math.max(0, (rgb & 255) - shift);
                        out.setRGB(x, y, (r << 16) | (gr << 8) | b);
                    }
                }
                yield out;
            }
            case BORDER -> {
                int b = 1 + random.nextInt(3);
                BufferedImage out = new BufferedImage(SIDE + 2 * b, SIDE + 2 * b, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = out.createGraphics();
                g.setColor(new Color(random.nextInt(0x1000000)));
                g.fillRect(0, 0, SIDE + 2 * b, SIDE + 2 * b);
                g.drawImage(original, b, b, null);
                g.dispose();
                yield scaled(out, SIDE, SIDE);
            }
            case FLIP -> {
                BufferedImage out = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        out.setRGB(SIDE - 1 - x, y, original.getRGB(x, y));
                    }
                }
                yield out;
            }
            case FRAME -> Evasions.framed(original, random);
            case LETTERBOX -> Evasions.letterboxed(original, random);
            case CAPTION -> Evasions.captioned(original, random);
            case GREYSCALE -> Evasions.greyscale(original);
            case JPEG_HEAVY -> original;
            case MEME_TEXT -> Evasions.memeText(original, random);
            case ROTATE -> Evasions.rotated(original, random);
            case SCREENSHOT -> Evasions.screenshot(original, random);
            case COLLAGE -> Evasions.collage(original, random);
        };
        if (transform.lossless()) {
            return png(altered);
        }
        return switch (transform) {
            case JPEG_LOW -> jpeg(altered, 0.45f);
            case JPEG_HEAVY -> jpeg(altered, 0.10f);
            default -> jpeg(altered, 0.85f);
        };
    }

    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return out;
    }
}
