package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.signals.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {

    @TempDir
    Path folder;

    private CliRun run(String... args) {
        return CliRun.run(args);
    }

    private void populate() throws Exception {
        Files.write(folder.resolve("b.png"), TestImages.encode(TestImages.picture(80, 60, 1), "png"));
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("sub/a.jpg"), TestImages.encode(TestImages.picture(80, 60, 2), "jpeg"));
        Files.writeString(folder.resolve("note.txt"), "A synthetic weather bulletin: light rain over the northern hills.");
        Files.write(folder.resolve("bomb.png"), TestImages.pngDeclaring(100_000, 100_000));
        Files.write(folder.resolve("empty.jpg"), new byte[0]);
        Files.createSymbolicLink(folder.resolve("dangling.png"), folder.resolve("does-not-exist.png"));
    }

    @Test
    void csv_hasStableColumnsAndOneRowPerFileInPathOrder_andFailuresAreRowsNotAborts() throws Exception {
        populate();
        CliRun run = run("hash", "--format", "csv", "--no-progress", folder.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
        List<String> lines = run.lines();
        assertThat(lines.getFirst())
                .isEqualTo("path,media_type,size,md5,sha256,pdq,pdq_quality,text,vpdq,language,status,error");
        assertThat(lines).hasSize(7);
        List<String> paths = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(paths).isSorted();
        assertThat(row(lines, "b.png")).contains(",image/png,").contains(",ok,");
        assertThat(row(lines, "sub/a.jpg")).contains(",image/jpeg,").contains(",ok,");
        assertThat(row(lines, "note.txt")).contains(",en,ok,");
        assertThat(row(lines, "bomb.png")).contains(",partial,").contains("decompression bomb");
        assertThat(row(lines, "empty.jpg")).contains(",partial,").contains("empty file");
        assertThat(row(lines, "dangling.png")).contains(",failed,").contains("no such file");
        assertThat(run.err()).contains("3 of 6 files could not be fully hashed");
    }

    @Test
    void jsonl_carriesTypedValues() throws Exception {
        Files.write(folder.resolve("b.png"), TestImages.encode(TestImages.picture(80, 60, 1), "png"));
        CliRun run = run("hash", "--format", "jsonl", "--signals", "sha256,pdq", folder.resolve("b.png").toString());
        assertThat(run.exitCode()).isZero();
        JsonNode row = new ObjectMapper().readTree(run.lines().getFirst());
        assertThat(row.fieldNames()).toIterable()
                .containsExactly("path", "media_type", "size", "sha256", "pdq", "pdq_quality", "status", "error");
        assertThat(row.get("pdq").asText()).matches("[0-9a-f]{64}");
        assertThat(row.get("pdq_quality").isInt()).isTrue();
        assertThat(row.get("size").asLong()).isEqualTo(Files.size(folder.resolve("b.png")));
        assertThat(row.get("error").isNull()).isTrue();
    }

    @Test
    void digestsAreThoseOfTheBytes() throws Exception {
        Path file = folder.resolve("x.bin");
        Files.write(file, "abc".getBytes(StandardCharsets.US_ASCII));
        CliRun run = run("hash", "--format", "csv", "--signals", "md5,sha256", file.toString());
        assertThat(run.lines().get(1)).contains("900150983cd24fb0d6963f7d28e17f72")
                .contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void tableIsAligned_andMissingPathsAreReported() {
        CliRun run = run("hash", "--format", "table", folder.resolve("missing").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
        assertThat(run.lines().getFirst()).startsWith("path");
        assertThat(run.lines().get(1)).contains("failed").contains("no such file or directory");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("hash").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("hash", "--format", "xml", ".").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("hash", "--signals", "nope", ".").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void parallelAndSingleThreadedRunsPrintTheSameRows() throws Exception {
        for (int i = 0; i < 40; i++) {
            Files.write(folder.resolve(String.format("img-%02d.png", i)),
                    TestImages.encode(TestImages.picture(70, 50, i), "png"));
        }
        CliRun one = run("hash", "--format", "csv", "--threads", "1", folder.toString());
        CliRun many = run("hash", "--format", "csv", "--threads", "4", folder.toString());
        assertThat(many.out()).isEqualTo(one.out());
    }

    private static String row(List<String> lines, String suffix) {
        return lines.stream().filter(l -> l.substring(0, l.indexOf(',')).endsWith(suffix)).findFirst().orElseThrow();
    }
}
