package io.takedown.signals.vpdq;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.TestVideos;
import io.takedown.signals.pdq.Dihedral;
import io.takedown.signals.video.Ffmpeg;
import io.takedown.signals.video.VideoDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirrored vPDQ a bank stores beside a video's own: a mirrored re-upload matches it as it is. */
class VpdqOrientationsTest {

    @TempDir
    Path dir;

    @Test
    void mirroredVariant_matchesAMirroredCopy_andTheOriginalIsThePlainVpdq() throws IOException {
        Assumptions.assumeTrue(Ffmpeg.installed().available(), Ffmpeg.installed().describe());
        Path source = TestVideos.mp4(dir.resolve("source.mp4"), 192, 108, 10, 80, TestVideos.slides(5, 20));
        Path mirrored = dir.resolve("mirrored.mp4");
        Ffmpeg.installed().execute(List.of("-i", source.toString(), "-vf", "hflip", "-c:v", "libx264", "-preset",
                "veryfast", "-threads", "1", "-y", mirrored.toString()), Duration.ofMinutes(1), stdin -> { });
        VideoDecoder decoder = new VideoDecoder();
        VpdqHasher hasher = new VpdqHasher();

        Map<Dihedral, VpdqHash> banked = hasher.hash(decoder.open(source), 1, Set.of(Dihedral.ORIGINAL, Dihedral.FLIP_Y));
        assertThat(banked.get(Dihedral.ORIGINAL)).isEqualTo(hasher.hash(decoder.open(source), 1));
        assertThat(banked.get(Dihedral.FLIP_Y).features()).hasSameSizeAs(banked.get(Dihedral.ORIGINAL).features());

        VpdqHash copy = hasher.hash(decoder.open(mirrored), 1);
        assertThat(VpdqComparison.DEFAULT.compare(copy, banked.get(Dihedral.ORIGINAL)).match()).isFalse();
        VpdqComparison.Result result = VpdqComparison.DEFAULT.compare(copy, banked.get(Dihedral.FLIP_Y));
        assertThat(result.match()).as("%s", result).isTrue();
    }
}
