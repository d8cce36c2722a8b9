package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorIngestCommandTest {

    @TempDir
    Path home;
    @TempDir
    Path files;

    private CliRun run(String... args) {
        return CliRun.run(List.of("--home", home.toString(), "--as", "analyst-1"), args);
    }

    @Test
    void ingest_folderAndMissingFile_matchesWhatItTakesAndListsWhatItRefused() throws Exception {
        List<String> at = List.of("--home", home.toString());
        assertThat(CliRun.run(at, "directory", "agency", "NL-IRU", "--name", "unit", "--country", "NL", "--kind",
                "competent_authority").exitCode()).isZero();
        assertThat(CliRun.run(at, "directory", "user", "admin", "--agency", "NL-IRU", "--role", "admin").exitCode()).isZero();
        assertThat(CliRun.run(at, "--as", "admin", "directory", "user", "analyst-1", "--agency", "NL-IRU", "--role",
                "analyst").exitCode()).isZero();
        Path banked = Files.createDirectories(files.resolve("banked"));
        Files.write(banked.resolve("poster.png"), TestImages.encode(TestImages.picture(320, 240, 11), "png"));
        assertThat(run("bank", "create", "outlet-7").exitCode()).isZero();
        assertThat(run("bank", "add", "outlet-7", banked.toString(), "--no-progress").exitCode()).isZero();
        assertThat(run("monitor", "add-outlet", "outlet-7", "http://outlet-7.range.test/").exitCode()).isZero();

        Path handed = Files.createDirectories(files.resolve("handed-in"));
        Files.copy(banked.resolve("poster.png"), handed.resolve("from-a-user.png"));
        Files.write(handed.resolve("other.png"), TestImages.encode(TestImages.picture(320, 240, 99), "png"));

        CliRun ingest = run("monitor", "ingest", "--outlet", "outlet-7", "--no-progress", handed.toString(),
                files.resolve("missing.eml").toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
        assertThat(ingest.out()).contains("from-a-user.png", "other.png", "refused " + files.resolve("missing.eml")
                + ": no such file", "ingested 2 of 3 file(s) for outlet-7", ": 1 hits, 0 case items");

        CliRun withUrl = run("monitor", "ingest", "--outlet", "outlet-7", "--no-progress",
                "--url", "http://outlet-7.range.test/media/poster.png", handed.resolve("from-a-user.png").toString());
        assertThat(withUrl.exitCode()).as(withUrl.err()).isZero();
        assertThat(withUrl.out()).contains("http://outlet-7.range.test/media/poster.png", "1 hits, 1 case items");

        CliRun twoWithUrl = run("monitor", "ingest", "--outlet", "outlet-7", "--url", "http://x.range.test/a",
                handed.toString());
        assertThat(twoWithUrl.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(twoWithUrl.err()).contains("exactly one FILE");
    }
}
