package io.takedown.signals.robust;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.pdq.Dihedral;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustHashingTest {

    private final PdqImageHashing pdq = new PdqImageHashing();
    private final RobustHashing robust = new RobustHashing();

    @Test
    void pixelDihedral_inverseTransformsRestoreTheImage() {
        DecodedImage picture = picture(120, 80, 1);
        assertThat(PixelDihedral.apply(PixelDihedral.apply(picture, Dihedral.ROTATE_90), Dihedral.ROTATE_270).pixels())
                .isEqualTo(picture.pixels());
        assertThat(PixelDihedral.apply(PixelDihedral.apply(picture, Dihedral.FLIP_Y), Dihedral.FLIP_Y).pixels())
                .isEqualTo(picture.pixels());
        assertThat(PixelDihedral.apply(picture, Dihedral.FLIP_PLUS_1).width()).isEqualTo(80);
        // Named after PDQ's DCT variants: the transpose is exact in both.
        assertThat(pdq.hash(PixelDihedral.apply(picture, Dihedral.FLIP_PLUS_1)).hash())
                .isEqualTo(pdq.hashDihedral(picture).get(Dihedral.FLIP_PLUS_1).hash());
    }

    @Test
    void bankVariants_mirroredCopyMatchesExactly() {
        DecodedImage picture = picture(200, 160, 2);
        Map<String, PdqResult> variants = robust.bankVariants(picture);
        assertThat(variants).containsKeys("pixel-flipy", "pixel-rotate90", "pixel-flipminus1", "centre", "middle");
        PdqResult mirrored = pdq.hash(PixelDihedral.apply(picture, Dihedral.FLIP_Y));
        assertThat(variants.get("pixel-flipy").hash().hammingDistance(mirrored.hash())).isZero();
    }

    @Test
    void unframed_findsThePictureInsideFramesOfAnyWidth() {
        DecodedImage picture = picture(150, 110, 3);
        for (int[] frame : new int[][] {{1, 1, 1, 1}, {40, 40, 3, 3}, {7, 60, 25, 2}, {90, 0, 0, 90}}) {
            DecodedImage framed = framed(picture, frame[0], frame[1], frame[2], frame[3], 200);
            assertThat(Layout.of(framed).unframed()).as("frame %s", java.util.Arrays.toString(frame))
                    .hasValue(new Region(frame[2], frame[0], 150, 110));
            assertThat(pdq.hash(Layout.of(framed).unframed().orElseThrow().crop(framed)).hash())
                    .isEqualTo(pdq.hash(picture).hash());
        }
        assertThat(Layout.of(picture).unframed()).isEmpty();
    }

    @Test
    void panels_findEachPictureOfACollage() {
        int cell = 100;
        int gutter = 6;
        int side = 2 * cell + 3 * gutter;
        byte[] rgb = new byte[side * side * 3];
        java.util.Arrays.fill(rgb, (byte) 240);
        DecodedImage collage = new DecodedImage(side, side, 3, rgb);
        for (int i = 0; i < 4; i++) {
            paste(collage, picture(cell, cell, 10 + i), gutter + (i % 2) * (cell + gutter), gutter + (i / 2) * (cell + gutter));
        }
        assertThat(Layout.of(collage).panels(8, 0.08)).contains(new Region(gutter, gutter, cell, cell),
                new Region(2 * gutter + cell, 2 * gutter + cell, cell, cell));
        PdqResult third = pdq.hash(picture(cell, cell, 12));
        assertThat(robust.queryVariants(collage).values())
                .anySatisfy(v -> assertThat(v.hash().hammingDistance(third.hash())).isZero());
    }

    @Test
    void core_cutsACaptionedCopyAndItsOriginalToTheSameRows() {
        // The original carries a thin strip of its own below the picture (a caption bar), as the range's do.
        DecodedImage original = framed(picture(200, 150, 6), 0, 6 + 12 + 8, 0, 0, 0);
        paste(original, picture(200, 12, 7), 0, 156);
        // The copy adds a caption band of two text lines above it, on white.
        DecodedImage copy = framed(original, 60, 0, 0, 0, 255);
        paste(copy, picture(200, 14, 8), 0, 10);
        paste(copy, picture(200, 14, 9), 0, 34);

        assertThat(Layout.of(original).core()).hasValue(new Region(0, 0, 200, 150));
        assertThat(Layout.of(copy).core()).hasValue(new Region(0, 60, 200, 150));
        PdqResult banked = robust.bankVariants(original).get(RobustHashing.CORE);
        assertThat(robust.queryVariants(copy).get(RobustHashing.CORE).hash()).isEqualTo(banked.hash());
        assertThat(Layout.of(picture(200, 150, 6)).core()).isEmpty();
    }

    @Test
    void queryVariants_plainPictureAddsOnlyItsMiddle() {
        assertThat(robust.queryVariants(picture(256, 256, 4))).containsOnlyKeys("middle");
    }

    @Test
    void skew_measuresASmallTurnFromTheFilledCorners() {
        DecodedImage picture = picture(256, 256, 5);
        for (double degrees : new double[] {1.5, -3, 4.5}) {
            DecodedImage turned = Skew.rotate(picture, Math.toRadians(degrees));
            assertThat(Math.toDegrees(Skew.angle(turned).orElseThrow())).isCloseTo(Math.abs(degrees),
                    org.assertj.core.data.Offset.offset(0.4));
        }
        assertThat(Skew.angle(picture)).isEmpty();
    }

    @Test
    void flatOrTinyImages_giveNoVariantsAndNoErrors() {
        assertThat(robust.queryVariants(new DecodedImage(1, 1, 1, new byte[1]))).isEmpty();
        assertThat(robust.bankVariants(new DecodedImage(30, 20, 1, new byte[600]))).isEmpty();
        assertThat(Layout.of(new DecodedImage(5, 5, 3, new byte[75])).panels(8, 0)).isEmpty();
    }

    /** Blocks of random colour: detail everywhere, no flat row or column. */
    static DecodedImage picture(int width, int height, long seed) {
        Random random = new Random(seed);
        byte[] rgb = new byte[width * height * 3];
        int block = 8;
        int[][] colours = new int[(height / block + 1) * (width / block + 1)][3];
        for (int[] colour : colours) {
            for (int c = 0; c < 3; c++) {
                colour[c] = random.nextInt(256);
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] colour = colours[(y / block) * (width / block + 1) + x / block];
                for (int c = 0; c < 3; c++) {
                    rgb[(y * width + x) * 3 + c] = (byte) ((colour[c] + random.nextInt(9)) & 0xff);
                }
            }
        }
        return new DecodedImage(width, height, 3, rgb);
    }

    private static DecodedImage framed(DecodedImage picture, int top, int bottom, int left, int right, int grey) {
        int width = picture.width() + left + right;
        int height = picture.height() + top + bottom;
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) grey);
        DecodedImage out = new DecodedImage(width, height, 3, rgb);
        paste(out, picture, left, top);
        return out;
    }

    private static void paste(DecodedImage target, DecodedImage picture, int x, int y) {
        for (int row = 0; row < picture.height(); row++) {
            System.arraycopy(picture.pixels(), row * picture.width() * 3, target.pixels(),
                    ((y + row) * target.width() + x) * 3, picture.width() * 3);
        }
    }
}
