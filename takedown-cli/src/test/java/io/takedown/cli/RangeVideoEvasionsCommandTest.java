package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.video.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video evasion table on the small range (3 short videos, 21 copies): the smoke version of
 * {@code takedown range video-evasions --size medium}. CI requires FFmpeg ({@code TAKEDOWN_REQUIRE_NATIVE=1}).
 */
class RangeVideoEvasionsCommandTest {

    @TempDir
    Path home;
    @TempDir
    Path kept;

    @Test
    void videoEvasions_printsRecallPerAlterationAndKeepsTheGroundTruth() throws Exception {
        if ("1".equals(System.getenv("TAKEDOWN_REQUIRE_NATIVE"))) {
            assertThat(Ffmpeg.installed().unavailableReason()).isEmpty();
        }
        Assumptions.assumeTrue(Ffmpeg.installed().available(), Ffmpeg.installed().describe());
        CliRun table = CliRun.run(List.of("--home", home.toString(), "--as", "analyst-1"), "range", "video-evasions",
                "--size", "small", "--keep", kept.toString(), "--no-progress");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("3 original videos").contains("copies matching a wrong original: 0 of 21")
                .contains("originals matching another: 0 of 3");
        // Re-encoding, trimming, speeding up and resizing keep vPDQ's frames; a mirrored copy is found only
        // through the mirrored vPDQ the bank stores.
        for (String alteration : List.of("reencoded", "trimmed", "sped_up", "resized")) {
            assertThat(row(table, alteration)).contains(" 100.0% ");
        }
        assertThat(row(table, "mirrored")).matches(".*\\s0\\.0%\\s+100\\.0%.*");
        List<String> truth = Files.readAllLines(kept.resolve("ground-truth.jsonl"));
        assertThat(truth).hasSize(21).anySatisfy(line -> assertThat(line).contains("\"alteration\":\"mirrored\""));
        try (var copies = Files.list(kept.resolve("copies"))) {
            assertThat(copies.count()).isEqualTo(21);
        }
    }

    private static String row(CliRun run, String alteration) {
        return run.lines().stream().filter(l -> l.startsWith(alteration + " ")).findFirst().orElseThrow();
    }
}
