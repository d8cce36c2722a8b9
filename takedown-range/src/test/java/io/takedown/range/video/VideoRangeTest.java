package io.takedown.range.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.signals.video.Ffmpeg;
import io.takedown.signals.video.VideoDecoder;
import io.takedown.signals.video.VideoInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The range's videos: same seed, same frames and files; one copy per alteration, with its ground truth. */
class VideoRangeTest {

    private final World world = World.generate(42, RangeSize.SMALL);
    private final VideoRange range = VideoRange.of(world, 2);

    @TempDir
    Path dir;

    @Test
    void frames_sameSeedSameBytes_otherVideoOtherBytes() {
        RangeVideo video = range.originals().getFirst();
        byte[] first = range.frames(video).rgb(7);
        assertThat(VideoRange.of(World.generate(42, RangeSize.SMALL), 2).frames(video).rgb(7)).isEqualTo(first);
        assertThat(range.frames(video).rgb(video.frames() - 1)).isNotEqualTo(first);
        RangeVideo other = range.originals().get(1);
        assertThat(range.frames(other).rgb(7)).isNotEqualTo(first);
        assertThat(VideoRange.of(World.generate(43, RangeSize.SMALL), 2).originals().getFirst())
                .isNotEqualTo(video);
    }

    @Test
    void frames_slidesLastTwoToThreeSeconds() {
        for (RangeVideo video : range.originals()) {
            int slides = range.frames(video).slides();
            assertThat(slides).isBetween((int) Math.ceil(video.seconds() / 3), (int) Math.ceil(video.seconds() / 2));
        }
    }

    @Test
    void copies_onePerAlterationWithGroundTruth() {
        assertThat(range.originals()).hasSize(world.outlets().size() * 2);
        RangeVideo video = range.originals().get(3);
        List<VideoCopy> copies = range.copies(video);
        assertThat(copies).extracting(VideoCopy::alteration).containsExactly(VideoAlteration.values());
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.original()).isEqualTo(video);
            assertThat(copy.groundTruthJson()).contains("\"original\":\"" + video.id() + "\"")
                    .contains("\"alteration\":\"" + copy.alteration().label() + "\"");
        });
        assertThat(VideoRange.of(World.generate(42, RangeSize.SMALL), 2).copies(video)).isEqualTo(copies);
    }

    @Test
    void encodeAndAlter_sameBytesEachTime_copiesHaveTheirAlterationsSize() throws IOException {
        if ("1".equals(System.getenv("TAKEDOWN_REQUIRE_NATIVE"))) {
            assertThat(Ffmpeg.installed().unavailableReason()).isEmpty();
        }
        Assumptions.assumeTrue(Ffmpeg.installed().available(), Ffmpeg.installed().describe());
        RangeVideo video = range.originals().getFirst();
        Path once = range.encode(video, dir.resolve("once.mp4"));
        Path twice = range.encode(video, dir.resolve("twice.mp4"));
        assertThat(Files.readAllBytes(twice)).isEqualTo(Files.readAllBytes(once));

        VideoDecoder decoder = new VideoDecoder();
        VideoInfo original = decoder.open(once).info();
        assertThat(original.width()).isEqualTo(video.width());
        assertThat(original.frames()).hasValue(video.frames());
        for (VideoAlteration alteration : List.of(VideoAlteration.CROPPED, VideoAlteration.TRIMMED,
                VideoAlteration.MIRRORED)) {
            VideoCopy copy = range.copy(video, alteration);
            Path a = range.alter(copy, once, dir.resolve(copy.id() + "-a.mp4"));
            Path b = range.alter(copy, once, dir.resolve(copy.id() + "-b.mp4"));
            assertThat(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))).as(copy.id()).isTrue();
            VideoInfo info = decoder.open(a).info();
            switch (alteration) {
                case CROPPED -> assertThat(info.width()).isLessThan(video.width()).isGreaterThanOrEqualTo(video.width() * 4 / 5 - 1);
                case TRIMMED -> assertThat(info.seconds()).isLessThan(video.seconds() * 0.85)
                        .isGreaterThan(video.seconds() * 0.45);
                default -> assertThat(info.width()).isEqualTo(video.width());
            }
        }
    }
}
