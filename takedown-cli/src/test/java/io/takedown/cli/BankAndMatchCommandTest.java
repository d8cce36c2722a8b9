package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.TestImages;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankAndMatchCommandTest {

    @TempDir
    Path home;
    @TempDir
    Path files;

    private CliRun run(String... args) {
        return CliRun.run(List.of("--home", home.toString(), "--as", "analyst-1"), args);
    }

    @Test
    void bankFilesThenMatchAlteredCopies_withProvenance_andExportImport() throws Exception {
        BufferedImage original = TestImages.picture(320, 240, 11);
        Path banked = files.resolve("banked");
        Files.createDirectories(banked);
        Files.write(banked.resolve("poster.png"), TestImages.encode(original, "png"));

        assertThat(run("bank", "create", "outlet-7", "--description", "synthetic outlet").exitCode()).isZero();
        CliRun add = run("bank", "add", "outlet-7", banked.toString(), "--label", "recruitment", "--no-progress");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("added 3 entries"); // md5, sha256, pdq

        // A re-encoded, slightly resized copy and an unrelated picture.
        Path incoming = files.resolve("incoming");
        Files.createDirectories(incoming);
        BufferedImage resized = new BufferedImage(300, 225, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.drawImage(original, 0, 0, 300, 225, null);
        g.dispose();
        Files.write(incoming.resolve("copy.jpg"), TestImages.encode(resized, "jpeg"));
        Files.write(incoming.resolve("other.png"), TestImages.encode(TestImages.picture(320, 240, 99), "png"));

        CliRun match = run("match", incoming.toString(), "--format", "csv", "--no-progress");
        assertThat(match.exitCode()).as(match.err()).isZero();
        List<String> lines = match.lines();
        assertThat(lines.getFirst()).startsWith("path,status,signal,distance,transform,bank,entry_id,labels,source_ref");
        String copyRow = lines.stream().filter(l -> l.contains("copy.jpg")).findFirst().orElseThrow();
        assertThat(copyRow).contains(",match,pdq,").contains(",outlet-7,").contains("behaviour:recruitment")
                .contains("poster.png").contains("analyst-1");
        assertThat(lines.stream().filter(l -> l.contains("other.png")).findFirst().orElseThrow()).contains(",no-match,");

        // Known false positive: the same picture in a negative bank suppresses the match.
        run("bank", "create", "false-positives", "--negative");
        run("bank", "add", "false-positives", banked.toString(), "--signals", "pdq", "--no-progress");
        CliRun suppressed = run("match", incoming.resolve("copy.jpg").toString(), "--format", "csv", "--no-progress");
        assertThat(suppressed.out()).contains(",suppressed,").contains("false-positives#");

        Path export = files.resolve("outlet-7.csv");
        assertThat(run("bank", "export", "outlet-7", "--format", "gifct", "--output", export.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(export)).hasSize(4).first().isEqualTo("hash_type,hash,labels,quality");
        run("bank", "create", "partner");
        Files.writeString(files.resolve("broken.csv"), Files.readString(export) + "PDQ,zzz,threat\n");
        CliRun imported = run("bank", "import", "partner", files.resolve("broken.csv").toString(), "--format", "gifct");
        assertThat(imported.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
        assertThat(imported.out()).contains("imported 3 entries").contains("1 bad rows skipped");
        assertThat(imported.err()).contains("broken.csv:5:");

        CliRun list = run("bank", "list", "--format", "csv");
        assertThat(list.out()).contains("outlet-7,3,").contains("partner,3,").contains("false-positives,1,");

        // The matching index lives beside the store; the import left it current.
        CliRun index = run("bank", "index", "--format", "csv");
        assertThat(index.exitCode()).as(index.err()).isZero();
        assertThat(index.out()).contains("entries.pdq,3").contains("entries.md5,2").contains("opened,loaded snapshot");
        assertThat(home.resolve("index").resolve("bank-index.snap")).exists();
        assertThat(run("bank", "index", "--rebuild", "--format", "csv").out()).contains("opened,rebuilt");
    }

    @Test
    void errorsHaveDocumentedExitCodes() {
        assertThat(run("bank", "add", "missing", files.toString()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        run("bank", "create", "b");
        assertThat(run("bank", "create", "b").exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run("bank", "create", "bad name!").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run("bank", "remove", "b", "999", "--reason", "x").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("bank", "export", "b", "--format", "xml").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
