package io.takedown.signals.media;

/**
 * 8-bit pixels as the PDQ reference receives them from its decoder: one grey channel when every pixel has
 * red = green = blue, else interleaved RGB. Alpha is dropped without compositing, as the reference does.
 *
 * @param width columns
 * @param height rows
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels {@code height * width * channels} bytes, row-major
 */
public record DecodedImage(int width, int height, int channels, byte[] pixels) {

    public DecodedImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if ((long) width * height * channels != pixels.length) {
            throw new IllegalArgumentException("pixel buffer does not match " + width + "x" + height + "x" + channels);
        }
    }

    public boolean grey() {
        return channels == 1;
    }

    /** Grey value, or red/green/blue of the pixel at ({@code x}, {@code y}); channel 0 for grey. */
    public int sample(int x, int y, int channel) {
        return pixels[(y * width + x) * channels + channel] & 0xff;
    }
}
