package io.takedown.signals.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.signals.SharedFixtures;
import io.takedown.signals.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native path (libjpeg-turbo, libwebp) on hostile and unusual input, and its agreement with Java's. */
class NativeDecodingTest {

    private final ImageDecoder decoder = new ImageDecoder();
    private final ImageDecoder java = ImageDecoder.pureJava(ImageLimits.DEFAULT);

    @BeforeEach
    void nativeDecodersInstalled() {
        Assumptions.assumeTrue(decoder.nativeLibraries().size() == 2,
                "native decoders not installed: " + NativeCodecs.installed().unavailable());
    }

    @Test
    void nativeJpeg_agreesWithJavaWithinRounding() {
        byte[] jpeg = TestImages.encode(TestImages.picture(97, 61, 3), "jpeg");
        DecodedImage fast = decoder.decode(jpeg, "x.jpg");
        DecodedImage slow = java.decode(jpeg, "x.jpg");
        assertThat(fast.width()).isEqualTo(97);
        assertThat(fast.height()).isEqualTo(61);
        assertThat(fast.channels()).isEqualTo(slow.channels());
        int worst = 0;
        for (int i = 0; i < fast.pixels().length; i++) {
            worst = Math.max(worst, Math.abs((fast.pixels()[i] & 0xff) - (slow.pixels()[i] & 0xff)));
        }
        assertThat(worst).as("largest sample difference between libjpeg-turbo and the JDK decoder").isLessThanOrEqualTo(8);
    }

    @Test
    void greyJpeg_comesOutAsOneChannel() {
        BufferedImage grey = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(TestImages.picture(32, 16, 9), 0, 0, null);
        DecodedImage image = decoder.decode(TestImages.encode(grey, "jpeg"), "grey.jpg");
        assertThat(image.channels()).isEqualTo(1);
    }

    @Test
    void truncatedJpeg_isRefusedWithTheLibrarysReason() {
        byte[] whole = TestImages.encode(TestImages.picture(64, 64, 7), "jpeg");
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> decoder.decode(cut, "cut.jpg"))
                .isInstanceOf(ImageDecodingException.class)
                .hasMessageStartingWith("cut.jpg: corrupt or truncated image: ");
    }

    @Test
    void truncatedAndCorruptWebp_areRefused() throws IOException {
        byte[] whole = Files.readAllBytes(SharedFixtures.pdqReference().resolve("images/modes/F.webp"));
        assertThat(decoder.decode(whole, "f.webp").width()).isEqualTo(1600);
        byte[] cut = Arrays.copyOf(whole, whole.length / 3);
        assertThatThrownBy(() -> decoder.decode(cut, "cut.webp"))
                .isInstanceOf(ImageDecodingException.class)
                .hasMessageStartingWith("cut.webp: ");
        byte[] header = Arrays.copyOf(whole, 40);
        assertThatThrownBy(() -> decoder.decode(header, "header.webp")).isInstanceOf(ImageDecodingException.class);
    }

    @Test
    void webpOverTheLimits_isRefusedFromItsHeader() throws IOException {
        byte[] webp = Files.readAllBytes(SharedFixtures.pdqReference().resolve("images/modes/F.webp"));
        ImageDecoder small = new ImageDecoder(new ImageLimits(1_000_000, 50_000, 1 << 24));
        assertThatThrownBy(() -> small.decode(webp, "big.webp"))
                .isInstanceOf(ImageLimits.Exceeded.class)
                .hasMessageContaining("1600x1004");
    }

    @Test
    void randomBytesBehindAJpegOrWebpMagic_failCleanly() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] input = new byte[16 + random.nextInt(3000)];
            random.nextBytes(input);
            if (trial % 2 == 0) {
                input[0] = (byte) 0xff;
                input[1] = (byte) 0xd8;
                input[2] = (byte) 0xff;
            } else {
                System.arraycopy("RIFF".getBytes(), 0, input, 0, 4);
                System.arraycopy("WEBPVP8 ".getBytes(), 0, input, 8, 8);
            }
            try {
                decoder.decode(input, "t" + trial);
            } catch (ImageDecodingException expected) {
                assertThat(expected.getMessage()).startsWith("t" + trial + ": ");
            }
        }
    }
}
