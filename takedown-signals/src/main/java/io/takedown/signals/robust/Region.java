package io.takedown.signals.robust;

import io.takedown.signals.media.DecodedImage;

/** A rectangle of an image, in pixels: columns {@code x .. x+width-1}, rows {@code y .. y+height-1}. */
public record Region(int x, int y, int width, int height) {

    public Region {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("empty or negative region " + x + "," + y + " " + width + "x" + height);
        }
    }

    public static Region of(DecodedImage image) {
        return new Region(0, 0, image.width(), image.height());
    }

    public long area() {
        return (long) width * height;
    }

    /** The region's pixels as an image of their own (grey stays grey). */
    public DecodedImage crop(DecodedImage image) {
        if (x == 0 && y == 0 && width == image.width() && height == image.height()) {
            return image;
        }
        int channels = image.channels();
        byte[] out = new byte[width * height * channels];
        for (int row = 0; row < height; row++) {
            System.arraycopy(image.pixels(), ((y + row) * image.width() + x) * channels, out, row * width * channels,
                    width * channels);
        }
        return new DecodedImage(width, height, channels, out);
    }
}
