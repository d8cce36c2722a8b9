package io.takedown.signals;

import io.takedown.signals.video.Ffmpeg;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small procedural videos encoded with FFmpeg for tests: moving shapes over a gradient, nothing real. */
public final class TestVideos {

    private TestVideos() {
    }

    /** Paints frame {@code n} of a video. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g, int frame, int width, int height);
    }

    /**
     * Shapes that drift up to a pixel a frame: consecutive seconds hash differently, while frames half a
     * second apart stay within PDQ's reach (as footage of a speaker or a slide show does).
     */
    public static Painter shapes(long seed) {
        return (g, n, w, h) -> {
            java.util.Random random = new java.util.Random(seed);
            g.setPaint(new java.awt.GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), w, h,
                    new Color(random.nextInt(0xffffff))));
            g.fillRect(0, 0, w, h);
            for (int i = 0; i < 14; i++) {
                g.setColor(new Color(random.nextInt(0xffffff)));
                int size = w / 8 + random.nextInt(w / 3);
                int x = (random.nextInt(w) + n * (1 + random.nextInt(4)) / 4) % (w + size) - size / 2;
                int y = (random.nextInt(h) + n * random.nextInt(3) / 4) % (h + size) - size / 2;
                switch (random.nextInt(3)) {
                    case 0 -> g.fillOval(x, y, size, size * 2 / 3);
                    case 1 -> g.fillRect(x, y, size, size / 2);
                    default -> g.fillPolygon(new int[] {x, x + size, x + size / 2}, new int[] {y + size, y + size, y}, 3);
                }
            }
        };
    }

    /**
     * A slide show: a new layout every {@code framesPerSlide} frames and a small marker crossing it, as a
     * propaganda video of stills and captions looks. Frames within a slide hash alike, so an excerpt cut at
     * any time still has a close frame in the source's one-a-second sampling.
     */
    public static Painter slides(long seed, int framesPerSlide) {
        return (g, n, w, h) -> {
            shapes(seed * 7919 + n / framesPerSlide).paint(g, 0, w, h);
            g.setColor(Color.WHITE);
            g.fillRect((n * 2) % w, h - h / 12, w / 24, h / 24);
        };
    }

    /** An H.264 MP4 of {@code frames} frames at {@code fps}, byte-identical for the same arguments. */
    public static Path mp4(Path out, int width, int height, int fps, int frames, Painter painter, String... extra)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height,
                "-r", Integer.toString(fps), "-i", "pipe:0", "-c:v", "libx264", "-preset", "veryfast", "-threads", "1",
                "-pix_fmt", "yuv420p", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1"));
        arguments.addAll(List.of(extra));
        arguments.addAll(List.of("-y", out.toString()));
        Ffmpeg.installed().execute(arguments, Duration.ofMinutes(2), stdin -> write(stdin, width, height, frames, painter));
        return out;
    }

    private static void write(OutputStream stdin, int width, int height, int frames, Painter painter) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] rgb = new byte[width * height * 3];
        for (int n = 0; n < frames; n++) {
            Graphics2D g = image.createGraphics();
            painter.paint(g, n, width, height);
            g.dispose();
            byte[] bgr = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            stdin.write(rgb);
        }
    }
}
