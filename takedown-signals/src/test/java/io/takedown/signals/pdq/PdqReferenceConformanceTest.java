package io.takedown.signals.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.SharedFixtures;
import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.media.NativeCodecs;
import org.junit.jupiter.api.Assumptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conformance with Meta's C++ reference on its own test images ({@code ../shared/pdq-reference}): with
 * the native decoders (libjpeg-turbo and libwebp, which ImageMagick uses for the reference) every image is
 * bit-exact; with the pure-Java fallback, lossless images are bit-exact and lossy ones (whose decoders
 * legitimately differ) within a few bits. CI sets {@code TAKEDOWN_REQUIRE_NATIVE=1} so that a missing
 * library fails the build instead of silently testing the fallback twice.
 */
class PdqReferenceConformanceTest {

    private static final Path REFERENCE = SharedFixtures.pdqReference();
    private ImageDecoder decoder = new ImageDecoder();

    record Expected(String path, PdqHash hash, int quality) {
        boolean lossless() {
            return path.toLowerCase(Locale.ROOT).endsWith(".png");
        }
    }

    record DihedralExpected(String path, Dihedral transform, PdqHash hash, int quality) {
    }

    static List<Expected> expected() throws IOException {
        try (Stream<String> lines = Files.lines(REFERENCE.resolve("expected-pdq.csv"))) {
            return lines.skip(1).filter(l -> !l.isBlank()).map(l -> l.split(","))
                    .map(f -> new Expected(f[0], PdqHash.fromHex(f[1]), Integer.parseInt(f[2]))).toList();
        }
    }

    static List<DihedralExpected> expectedDihedral() throws IOException {
        try (Stream<String> lines = Files.lines(REFERENCE.resolve("expected-pdq-dihedral.csv"))) {
            return lines.skip(1).filter(l -> !l.isBlank()).map(l -> l.split(","))
                    .map(f -> new DihedralExpected(f[0], Dihedral.fromLabel(f[1]), PdqHash.fromHex(f[2]),
                            Integer.parseInt(f[3])))
                    .toList();
        }
    }

    private DecodedImage decode(String path) {
        return decoder.decode(REFERENCE.resolve("images").resolve(path));
    }

    @Test
    void nativeDecoders_makeEveryReferenceImageBitExact() throws IOException {
        boolean required = "1".equals(System.getenv("TAKEDOWN_REQUIRE_NATIVE"));
        boolean installed = decoder.nativeLibraries().size() == 2;
        if (required) {
            assertThat(decoder.nativeLibraries()).as("native decoders (%s)", NativeCodecs.installed().unavailable())
                    .hasSize(2);
        }
        Assumptions.assumeTrue(installed, "native decoders not installed: " + NativeCodecs.installed().unavailable());
        List<String> off = new ArrayList<>();
        for (Expected expected : expected()) {
            PdqResult actual = new PdqImageHashing().hash(decode(expected.path()));
            if (!actual.hash().equals(expected.hash()) || actual.quality() != expected.quality()) {
                off.add(expected.path() + " " + actual.hash().hammingDistance(expected.hash()) + " bits");
            }
        }
        assertThat(off).as("images whose hash differs from the reference").isEmpty();
    }

    @Test
    void pureJavaDecoders_keepLosslessImagesExactAndLossyOnesClose() throws IOException {
        decoder = ImageDecoder.pureJava(io.takedown.signals.media.ImageLimits.DEFAULT);
        List<String> report = new ArrayList<>();
        int lossyCount = 0;
        int lossySum = 0;
        int jpegMax = 0;
        int webpMax = 0;
        List<Expected> all = expected();
        assertThat(all).hasSize(49);
        for (Expected expected : all) {
            PdqResult actual = new PdqImageHashing().hash(decode(expected.path()));
            int distance = actual.hash().hammingDistance(expected.hash());
            report.add(String.format("%-36s distance=%2d quality=%3d/%3d", expected.path(), distance,
                    actual.quality(), expected.quality()));
            assertThat(actual.quality()).as("quality of %s", expected.path()).isEqualTo(expected.quality());
            if (expected.lossless()) {
                assertThat(actual.hash()).as("PNG %s must be bit-exact", expected.path()).isEqualTo(expected.hash());
            } else {
                lossyCount++;
                lossySum += distance;
                if (expected.path().endsWith(".webp")) {
                    webpMax = Math.max(webpMax, distance);
                } else {
                    jpegMax = Math.max(jpegMax, distance);
                }
            }
        }
        report.forEach(System.out::println);
        double lossyMean = (double) lossySum / lossyCount;
        System.out.printf("lossy images: %d, mean distance %.2f, max JPEG %d, max WebP %d%n", lossyCount, lossyMean,
                jpegMax, webpMax);
        assertThat(lossyMean).as("mean Hamming distance on JPEG/WebP").isLessThanOrEqualTo(2.0);
        assertThat(jpegMax).as("max Hamming distance on JPEG (CMYK included)").isLessThanOrEqualTo(4);
        assertThat(webpMax).as("max Hamming distance on lossy WebP").isLessThanOrEqualTo(4);
    }

    @Test
    void dihedralVariants_matchReference() throws IOException {
        for (DihedralExpected expected : expectedDihedral()) {
            Map<Dihedral, PdqResult> actual = new PdqImageHashing().hashDihedral(decode(expected.path()));
            PdqResult result = actual.get(expected.transform());
            assertThat(result.quality()).isEqualTo(expected.quality());
            int distance = result.hash().hammingDistance(expected.hash());
            if (expected.path().endsWith(".png") || decoder.nativeLibraries().size() == 2) {
                assertThat(result.hash()).as("%s %s", expected.path(), expected.transform()).isEqualTo(expected.hash());
            } else {
                assertThat(distance).as("%s %s", expected.path(), expected.transform()).isLessThanOrEqualTo(4);
            }
        }
    }
}
