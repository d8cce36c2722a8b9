package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path home;

    @Test
    void demoRunsEndToEndOnTheEmbeddedStore_andCanRunTwice() {
        for (int run = 0; run < 2; run++) {
            CliRun demo = CliRun.run("--home", home.toString(), "demo", "--no-progress");
            assertThat(demo.exitCode()).as(demo.out()).isZero();
            assertThat(demo.out()).contains("all image copies").contains("edited text copies")
                    .contains("within 1 h (Art. 3(3))").contains("Audit trail: intact")
                    .contains("transparency 2026: orders issued");
        }
        assertThat(Files.exists(home.resolve("takedown.db"))).isTrue();
        assertThat(Files.exists(home.resolve("demo/range-42-small/items.jsonl"))).isTrue();
    }
}
