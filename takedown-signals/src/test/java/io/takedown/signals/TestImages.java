package io.takedown.signals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Small synthetic images and hostile headers for tests; nothing here resembles real content. */
public final class TestImages {

    private TestImages() {
    }

    /** A deterministic picture with shapes and a gradient, so its PDQ quality is high. */
    public static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            g.setColor(new Color((y * 255) / Math.max(1, height - 1), 80, 160));
            g.drawLine(0, y, width, y);
        }
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            int w = 1 + random.nextInt(Math.max(1, width / 2));
            int h = 1 + random.nextInt(Math.max(1, height / 2));
            if (random.nextBoolean()) {
                g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
            } else {
                g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
            }
        }
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid-looking PNG whose header declares {@code width x height} RGB pixels. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * A baseline JPEG header declaring {@code width x height} (at most 65,535 a side, the format's limit),
     * with tables but no scan data.
     */
    public static byte[] jpegDeclaring(int width, int height) {
        byte[] real = encode(picture(16, 16, 1), "jpeg");
        // Rewrite the SOF0 dimensions of a real 16x16 JPEG and cut the file after the frame header.
        for (int i = 2; i + 9 < real.length; i++) {
            if ((real[i] & 0xff) == 0xff && (real[i + 1] & 0xff) == 0xc0) {
                real[i + 5] = (byte) (height >> 8);
                real[i + 6] = (byte) height;
                real[i + 7] = (byte) (width >> 8);
                real[i + 8] = (byte) width;
                return real;
            }
        }
        throw new IllegalStateException("no SOF0 marker");
    }
}
