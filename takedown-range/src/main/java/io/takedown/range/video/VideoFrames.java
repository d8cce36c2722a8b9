package io.takedown.range.video;

import io.takedown.range.Images;
import io.takedown.range.evasion.Glyphs;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The frames of one {@link RangeVideo}: a slide show, each slide two to three seconds of a gradient with
 * still shapes, two shapes drifting across it, a caption band of blocky text at the bottom and the outlet's
 * logo mark at the top left, as a propaganda clip of stills, captions and a channel mark looks. The
 * storyboard is drawn once from the video's own stream; a frame is painted from it alone, so any frame can
 * be painted in any order and comes out the same. What the encoder receives ({@link #rgb}) is softened by a
 * 5 x 5 box, as a camera's optics and a scaler soften footage: hard-edged drawings hash far more brittly under
 * resizing than footage does (a 60 % resize moved sharp frames' PDQ by up to 36 bits, softened ones by 22).
 */
public final class VideoFrames {

    private static final int STILL_SHAPES = 6;
    private static final int MOVING_SHAPES = 2;
    /** Radius of the box that softens every frame. */
    private static final int SOFTEN = 2;

    private final RangeVideo video;
    private final List<Slide> slides;

    /** A shape in frame-relative units (0-1000 of the width or height), moving by (dx, dy) thousandths a frame. */
    private record Shape(int kind, int colour, int x, int y, int w, int h, int dx, int dy) {
    }

    private record Slide(int firstFrame, int from, int to, List<Shape> shapes, long captionSeed, int captionLines) {
    }

    public VideoFrames(RangeVideo video, SplittableRandom random) {
        this.video = video;
        List<Slide> out = new ArrayList<>();
        int first = 0;
        while (first < video.frames()) {
            int length = video.fps() * 2 + random.nextInt(video.fps() + 1);
            List<Shape> shapes = new ArrayList<>();
            for (int i = 0; i < STILL_SHAPES + MOVING_SHAPES; i++) {
                boolean moving = i >= STILL_SHAPES;
                int speed = moving ? 2 + random.nextInt(4) : 0;
                shapes.add(new Shape(random.nextInt(3), random.nextInt(0x1000000), random.nextInt(1000),
                        100 + random.nextInt(650), moving ? 80 + random.nextInt(80) : 120 + random.nextInt(300),
                        moving ? 120 + random.nextInt(120) : 120 + random.nextInt(400),
                        moving ? (random.nextBoolean() ? speed : -speed) : 0, moving ? random.nextInt(3) - 1 : 0));
            }
            out.add(new Slide(first, random.nextInt(0x1000000), random.nextInt(0x1000000), List.copyOf(shapes),
                    random.nextLong(), 1 + random.nextInt(2)));
            first += length;
        }
        this.slides = List.copyOf(out);
    }

    /** Slides in the video (a new picture every two to three seconds). */
    public int slides() {
        return slides.size();
    }

    /** Frame {@code n} as packed RGB, softened, as the encoder receives it. Integer arithmetic only. */
    public byte[] rgb(int n) {
        int w = video.width();
        int h = video.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        paint(image, n);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int[] across = new int[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int d = -SOFTEN; d <= SOFTEN; d++) {
                        sum += bgr[(y * w + Math.clamp(x + d, 0, w - 1)) * 3 + 2 - c] & 255;
                    }
                    across[(y * w + x) * 3 + c] = sum;
                }
            }
        }
        int window = (2 * SOFTEN + 1) * (2 * SOFTEN + 1);
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int d = -SOFTEN; d <= SOFTEN; d++) {
                        sum += across[(Math.clamp(y + d, 0, h - 1) * w + x) * 3 + c];
                    }
                    rgb[(y * w + x) * 3 + c] = (byte) ((sum + window / 2) / window);
                }
            }
        }
        return rgb;
    }

    /** Paints frame {@code n} (from 0), sharp, over the whole of {@code image}, which has the video's size. */
    public void paint(BufferedImage image, int n) {
        int w = video.width();
        int h = video.height();
        Slide slide = slides.getFirst();
        for (Slide s : slides) {
            if (s.firstFrame() <= n) {
                slide = s;
            }
        }
        int t = n - slide.firstFrame();
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setPaint(new GradientPaint(0, 0, new Color(slide.from()), w, h, new Color(slide.to())));
        g.fillRect(0, 0, w, h);
        for (Shape shape : slide.shapes()) {
            g.setColor(new Color(shape.colour()));
            int sw = shape.w() * w / 1000;
            int sh = shape.h() * h / 1000;
            int x = Math.floorMod(shape.x() + shape.dx() * t, 1000) * w / 1000 - sw / 2;
            int y = Math.floorMod(shape.y() + shape.dy() * t, 1000) * h / 1000 - sh / 2;
            switch (shape.kind()) {
                case 0 -> g.fillOval(x, y, sw, sh);
                case 1 -> g.fillRect(x, y, sw, sh);
                default -> g.fillPolygon(new int[] {x, x + sw, x + sw / 2}, new int[] {y + sh, y + sh, y}, 3);
            }
        }
        int band = Math.max(20, h * 2 / 9);
        g.setColor(new Color(12, 12, 12));
        g.fillRect(0, h - band, w, band);
        int scale = Math.max(1, band / (9 * slide.captionLines() + 2));
        Glyphs.lines(g, new SplittableRandom(slide.captionSeed()), 0, h - band, w, band, slide.captionLines(),
                Math.min(scale, 3), Color.WHITE, null);
        Images.logo(g, video.outlet());
        g.dispose();
    }
}
