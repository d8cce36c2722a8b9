package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.TestVideos;
import io.takedown.signals.video.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoCommandTest {

    @TempDir
    static Path folder;
    private static Path source;

    @BeforeAll
    static void videos() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.installed().available(), Ffmpeg.installed().describe());
        source = TestVideos.mp4(folder.resolve("source.mp4"), 320, 180, 10, 300, TestVideos.slides(5, 25));
        TestVideos.mp4(folder.resolve("other.mp4"), 320, 180, 10, 200, TestVideos.slides(6, 25));
    }

    @Test
    void hash_printsVpdqForVideosOnly() throws Exception {
        Files.write(folder.resolve("still.png"), io.takedown.signals.TestImages.encode(
                io.takedown.signals.TestImages.picture(40, 30, 1), "png"));
        CliRun run = CliRun.run("hash", "--format", "csv", "--signals", "video_md5,vpdq", source.toString(),
                folder.resolve("still.png").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.lines().get(1)).contains(",video/mp4,").contains("\"[\"\"").contains(",100,0.0\"\"");
        assertThat(run.lines().get(2)).matches(".*,image/png," + Files.size(folder.resolve("still.png")) + ",[0-9a-f]{32},,ok,");
    }

    @Test
    void videoHash_printsTheReferenceLineFormat() {
        CliRun run = CliRun.run("video", "hash", source.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(30);
        assertThat(run.lines().get(1)).matches("10,\\d+,[0-9a-f]{64},1\\.000");
        CliRun every = CliRun.run("video", "hash", "--every-frame", source.toString());
        assertThat(every.lines()).hasSize(300);
    }

    @Test
    void videoFind_namesTheSourceAndWhereTheClipStarts() throws Exception {
        Path clip = folder.resolve("clip.mp4");
        Ffmpeg.installed().execute(List.of("-ss", "12.3", "-t", "10", "-i", source.toString(), "-vf", "scale=256:144",
                "-c:v", "libx264", "-threads", "1", "-y", clip.toString()), Duration.ofMinutes(1), in -> { });
        Path saved = folder.resolve("source.vpdq.txt");
        Files.writeString(saved, CliRun.run("video", "hash", source.toString()).out());
        CliRun run = CliRun.run("video", "find", "--format", "csv", clip.toString(), folder.resolve("other.mp4").toString(),
                saved.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.lines().get(1)).startsWith(saved + ",yes,").contains(",0:12.");
        assertThat(run.lines().get(2)).startsWith(folder.resolve("other.mp4") + ",no,");
    }
}
