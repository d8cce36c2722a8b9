package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

    @TempDir
    Path home;

    @Test
    void demoRunsEndToEndOnTheEmbeddedStore_andCanRunTwice() {
        for (int run = 0; run < 2; run++) {
            CommandLine commandLine = TakedownCommand.commandLine();
            StringWriter out = new StringWriter();
            commandLine.setOut(new PrintWriter(out));
            commandLine.setErr(new PrintWriter(new StringWriter()));
            int code = commandLine.execute("--home", home.toString(), "demo", "--no-progress");
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("all image copies").contains("edited text copies")
                    .contains("removed within 1 h");
        }
        assertThat(Files.exists(home.resolve("takedown.db"))).isTrue();
        assertThat(Files.exists(home.resolve("demo/range-42-small/items.jsonl"))).isTrue();
    }
}
