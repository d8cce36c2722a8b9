package io.takedown.signals.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.signals.TestImages;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files an adversary or a broken crawler hands us: each gets a clear error, none gets allocated. */
class HostileImageTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void zeroByteFile_isRefusedAsEmpty() {
        assertThatThrownBy(() -> decoder.decode(new byte[0], "empty.png"))
                .isInstanceOf(ImageDecodingException.class)
                .hasMessage("empty.png: empty file (0 bytes)");
    }

    @Test
    void pngDeclaring100kBy100k_isRefusedFromItsHeader() {
        byte[] bomb = TestImages.pngDeclaring(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);
        long before = usedHeap();
        assertThatThrownBy(() -> decoder.decode(bomb, "bomb.png"))
                .isInstanceOf(ImageDecodingException.class)
                .hasMessageContaining("100000x100000")
                .hasMessageContaining("decompression bomb");
        // 10^10 RGB pixels would be 30 GB; we never got near allocating them.
        assertThat(usedHeap() - before).isLessThan(256L << 20);
    }

    @Test
    void jpegDeclaringTheFormatsMaximum_isRefusedFromItsHeader() {
        byte[] bomb = TestImages.jpegDeclaring(65_535, 65_535);
        assertThatThrownBy(() -> decoder.decode(bomb, "bomb.jpg"))
                .isInstanceOf(ImageDecodingException.class)
                .hasMessageContaining("65535x65535")
                .hasMessageContaining("decompression bomb");
    }

    @Test
    void limitsAreConfigurable() {
        ImageDecoder strict = new ImageDecoder(new ImageLimits(100, 10, 1 << 20));
        byte[] png = TestImages.encode(TestImages.picture(16, 16, 3), "png");
        assertThatThrownBy(() -> strict.decode(png, "x.png")).hasMessageContaining("16x16");
        assertThatThrownBy(() -> strict.decode(new byte[2 << 20], "big.bin")).hasMessageContaining("over the limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif", "bmp"})
    void truncatedFiles_areRefusedNotHalfHashed(String format) {
        byte[] whole = TestImages.encode(TestImages.picture(64, 64, 7), format);
        assertThat(decoder.decode(whole, "whole." + format).width()).isEqualTo(64);
        byte[] truncated = Arrays.copyOf(whole, whole.length * 2 / 3);
        assertThatThrownBy(() -> decoder.decode(truncated, "cut." + format))
                .isInstanceOf(ImageDecodingException.class)
                .hasMessageStartingWith("cut." + format + ": ");
    }

    @Test
    void randomBytesAndCorruptedImages_failCleanlyOrHashValidly() {
        Random random = new Random(42);
        byte[] png = TestImages.encode(TestImages.picture(40, 30, 5), "png");
        byte[] jpeg = TestImages.encode(TestImages.picture(40, 30, 5), "jpeg");
        for (int trial = 0; trial < 300; trial++) {
            byte[] input = switch (trial % 3) {
                case 0 -> randomBytes(random, 1 + random.nextInt(2000));
                case 1 -> corrupt(png, random);
                default -> corrupt(jpeg, random);
            };
            try {
                DecodedImage image = decoder.decode(input, "trial-" + trial);
                PdqResult result = new PdqImageHashing().hash(image);
                assertThat(result.quality()).isBetween(0, 100);
            } catch (ImageDecodingException expected) {
                assertThat(expected.getMessage()).startsWith("trial-" + trial + ": ");
            }
        }
    }

    @Test
    void tinyImages_hashToZeroQuality() {
        DecodedImage image = decoder.decode(TestImages.encode(TestImages.picture(3, 3, 1), "png"), "tiny.png");
        PdqResult result = new PdqImageHashing().hash(image);
        assertThat(result.quality()).isZero();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] corrupt(byte[] original, Random random) {
        byte[] copy = original.clone();
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
