package io.takedown.signals.vpdq;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.SharedFixtures;
import io.takedown.signals.video.Ffmpeg;
import io.takedown.signals.video.VideoDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conformance with Meta's {@code vpdq-hash-video} on its own sample videos ({@code ../shared/vpdq-reference},
 * produced with the same FFmpeg 5.1): every hashed frame bit-exact, in both samplings. The one-second
 * sampling runs on all 14 videos; every frame on three (portrait SD, landscape HD, odd 1080 x 1080 High
 * profile) to keep {@code verify} short; {@code bench/vpdq.sh} reports all of them frame by frame.
 * CI sets {@code TAKEDOWN_REQUIRE_NATIVE=1}, which makes a missing FFmpeg a failure instead of a skip.
 */
class VpdqReferenceConformanceTest {

    private static final Path REFERENCE = SharedFixtures.vpdqReference();
    private final VideoDecoder decoder = new VideoDecoder();

    @BeforeAll
    static void ffmpegInstalled() {
        if ("1".equals(System.getenv("TAKEDOWN_REQUIRE_NATIVE"))) {
            assertThat(Ffmpeg.installed().unavailableReason()).isEmpty();
        }
        Assumptions.assumeTrue(Ffmpeg.installed().available(), Ffmpeg.installed().describe());
    }

    static Stream<String> videos() throws IOException {
        try (Stream<Path> files = Files.list(REFERENCE.resolve("videos"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("videos")
    void oneFrameASecond_isBitExact(String name) throws IOException {
        assertExact(name, "-1s", VpdqHasher.DEFAULT_SECONDS_PER_HASH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chair-19-sd-bar", "doorknob-hd-no-bar", "test-padded-dimensions"})
    void everyFrame_isBitExact(String name) throws IOException {
        assertExact(name, "", 0);
    }

    private void assertExact(String name, String suffix, double secondsPerHash) throws IOException {
        VpdqHash expected = VpdqHash.parseLines(Files.readString(REFERENCE.resolve("expected/" + name + suffix + ".txt")));
        VpdqHash actual = new VpdqHasher().hash(decoder.open(REFERENCE.resolve("videos/" + name + ".mp4")), secondsPerHash);
        assertThat(actual.features()).as("%s%s", name, suffix).hasSameSizeAs(expected.features());
        assertThat(actual.toLines()).as("%s%s in the reference's line format", name, suffix).isEqualTo(expected.toLines());
        List<String> lines = Files.readAllLines(REFERENCE.resolve("expected/" + name + suffix + ".txt"));
        assertThat(actual.toLines().lines().toList()).as("byte for byte").isEqualTo(lines);
    }
}
