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
    void demoRunsAWholeOperationOnTheEmbeddedStore_andCanRunTwice() throws Exception {
        for (int run = 1; run <= 2; run++) {
            CliRun demo = CliRun.run("--home", home.toString(), "demo", "--no-progress");
            assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
            assertThat(demo.out())
                    .contains("Seeded bank demo-42-small")
                    .contains("Mirrors (before the operation)").contains("Against the ground truth")
                    .containsPattern("Monitor, first crawl: \\d+ URLs fetched .* \\(0 failed\\), every fetch kept as WARC")
                    .containsPattern("hits became [1-9]\\d* case items with their evidence reference, in 4 cases")
                    .contains("all image copies").contains("edited text copies")
                    .contains("NL-IRU").contains("DE-CA")
                    .contains("Deconfliction DC-").contains("released").contains("held: the owner of the entry")
                    .contains("NO GO: not approved before H-hour")
                    .contains("signature verified")
                    .containsPattern("H-hour: [1-9]\\d* orders fired at once, [1-9]\\d* acknowledged by their providers, 0 still queued, 0 failed")
                    .contains("Not fired: 1, held").contains("no go")
                    .contains("Board per provider").contains("Board per host country")
                    .contains("H+1 h:").contains("H+24 h:").contains("H+7 d:")
                    .containsPattern("Resurfacing: [1-9]\\d* alerts so far")
                    .contains("Audit trail: intact").contains("transparency 2026: orders issued")
                    .contains("Weak points, budget 4")
                    .contains("Summary");
            // Each run is an operation of its own, in its own store next to the range.
            Path runDir = home.resolve("demo/range-42-small/run-" + run);
            assertThat(Files.readString(runDir.resolve("after-action-1.html"))).contains("<svg").contains("After-action report");
            assertThat(Files.readAllBytes(runDir.resolve("after-action-1.pdf"))).startsWith("%PDF-".getBytes());
            assertThat(runDir.resolve("warcs")).isDirectory();
        }
        assertThat(home.resolve("demo/range-42-small/items.jsonl")).exists();
        // The user's own data directory holds no fictional agencies or orders.
        assertThat(home.resolve("takedown.db")).doesNotExist();
    }
}
