package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bank-side and query-side robustness through the CLI, and the evasion table on the small range. */
class RobustMatchingCommandTest {

    @TempDir
    Path home;
    @TempDir
    Path files;

    private CliRun run(String... args) {
        return CliRun.run(List.of("--home", home.toString(), "--as", "analyst-1"), args);
    }

    @Test
    void bankAddRobust_mirroredAndFramedCopiesMatch() throws Exception {
        BufferedImage original = TestImages.picture(320, 240, 21);
        Path banked = Files.createDirectories(files.resolve("banked"));
        Files.write(banked.resolve("poster.png"), TestImages.encode(original, "png"));
        run("bank", "create", "outlet-3");
        CliRun add = run("bank", "add", "outlet-3", banked.toString(), "--signals", "pdq", "--robust", "--no-progress");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("of them robust PDQ variants");

        Path incoming = Files.createDirectories(files.resolve("incoming"));
        BufferedImage mirrored = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                mirrored.setRGB(319 - x, y, original.getRGB(x, y));
            }
        }
        Files.write(incoming.resolve("mirrored.png"), TestImages.encode(mirrored, "png"));
        BufferedImage framed = new BufferedImage(320 + 2 * 70, 240 + 2 * 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = framed.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
        g.drawImage(original, 70, 50, null);
        g.dispose();
        Files.write(incoming.resolve("framed.png"), TestImages.encode(framed, "png"));

        CliRun plain = run("match", incoming.toString(), "--format", "csv", "--no-progress");
        assertThat(plain.lines().stream().filter(l -> l.contains("framed.png")).findFirst().orElseThrow())
                .contains(",no-match,");
        CliRun robust = run("match", incoming.toString(), "--robust", "--format", "csv", "--no-progress");
        assertThat(robust.exitCode()).as(robust.err()).isZero();
        assertThat(robust.lines().stream().filter(l -> l.contains("mirrored.png")).findFirst().orElseThrow())
                .contains(",match,pdq,").contains("poster.png");
        assertThat(robust.lines().stream().filter(l -> l.contains("framed.png")).findFirst().orElseThrow())
                .contains(",match,pdq,").contains(",unframed,");
    }

    @Test
    void rangeEvasions_printsRecallPerClassAndFalseMatches() {
        CliRun table = run("range", "evasions", "--size", "small", "--no-progress");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("36 originals banked").contains("flip").contains("screenshot")
                .contains("copies matching a wrong original: 0 of 108");
        CliRun csv = run("range", "evasions", "--size", "small", "--format", "csv", "--no-progress");
        assertThat(csv.lines().getFirst()).isEqualTo("class,hard,copies,found,found_pdq_only,recall,recall_pdq_only");
        // Mirrored copies are what PDQ alone misses and the bank's pixel orientations catch.
        assertThat(csv.lines().stream().filter(l -> l.startsWith("flip,")).findFirst().orElseThrow())
                .endsWith(",1.0000,0.0000");
    }
}
