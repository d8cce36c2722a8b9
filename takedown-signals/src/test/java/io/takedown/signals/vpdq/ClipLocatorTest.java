package io.takedown.signals.vpdq;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.TestVideos;
import io.takedown.signals.video.Ffmpeg;
import io.takedown.signals.video.VideoDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ten-second excerpt, re-encoded, finds its source and where it was cut from. */
class ClipLocatorTest {

    @TempDir
    static Path dir;
    private static VpdqHash source;
    private static VpdqHash other;

    @BeforeAll
    static void videos() throws IOException {
        Assumptions.assumeTrue(Ffmpeg.installed().available(), Ffmpeg.installed().describe());
        Path long1 = TestVideos.mp4(dir.resolve("source.mp4"), 192, 108, 10, 600, TestVideos.slides(11, 30));
        Path long2 = TestVideos.mp4(dir.resolve("other.mp4"), 192, 108, 10, 300, TestVideos.slides(12, 30));
        VideoDecoder decoder = new VideoDecoder();
        source = new VpdqHasher().hash(decoder.open(long1), 1);
        other = new VpdqHasher().hash(decoder.open(long2), 1);
    }

    @Test
    void excerpt_isFoundInItsSourceAtTheRightTime() throws IOException {
        Path clip = dir.resolve("clip.mp4");
        Ffmpeg.installed().execute(List.of("-ss", "23.4", "-t", "10", "-i", dir.resolve("source.mp4").toString(),
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-threads", "1", "-y", clip.toString()),
                Duration.ofMinutes(1), stdin -> { });
        VideoDecoder decoder = new VideoDecoder();
        VpdqHash everyFrame = new VpdqHasher().hash(decoder.open(clip), 0);
        VpdqHash perSecond = new VpdqHasher().hash(decoder.open(clip), 1);

        VpdqComparison.Result result = VpdqComparison.DEFAULT.compare(perSecond, source);
        assertThat(result.match()).as("%s", result).isTrue();
        assertThat(VpdqComparison.DEFAULT.compare(perSecond, other).match()).isFalse();

        ClipLocator.Location location = ClipLocator.DEFAULT.locate(everyFrame, source).orElseThrow();
        assertThat(location.offsetSeconds()).isCloseTo(23.4, org.assertj.core.data.Offset.offset(0.15));
        assertThat(location.endSeconds()).isCloseTo(33.3, org.assertj.core.data.Offset.offset(0.3));
        assertThat(location.clipFramesMatched()).isGreaterThan(5);
        assertThat(ClipLocator.DEFAULT.locate(everyFrame, other)).isEmpty();
    }
}
