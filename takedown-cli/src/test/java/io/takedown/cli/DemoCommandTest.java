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
        for (int run = 0; run < 2; run++) {
            CliRun demo = CliRun.run("--home", home.toString(), "demo", "--no-progress");
            assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
            assertThat(demo.out())
                    .contains("all image copies").contains("edited text copies")
                    .contains("Crawl: starting from the range's ground truth")
                    .contains("Cases:").contains("NL-IRU").contains("DE-CA")
                    .contains("Deconfliction DC-").contains("released").contains("held: the owner of the entry")
                    .contains("NO GO: not approved before H-hour")
                    .contains("signature verified")
                    .containsPattern("H-hour: \\d+ orders fired at once, \\d+ acknowledged by their providers, 0 still queued, 0 failed")
                    .contains("Not fired: 1, held").contains("no go")
                    .contains("Board per provider").contains("Board per host country")
                    .contains("+1 h").contains("+24 h").contains("+7 d").contains("resurfaced")
                    .contains("Audit trail: intact").contains("transparency 2026: orders issued")
                    .contains("Summary");
        }
        Path dir = home.resolve("demo/range-42-small");
        assertThat(dir.resolve("items.jsonl")).exists();
        assertThat(Files.readString(dir.resolve("after-action-2.html"))).contains("<svg").contains("After-action report");
        assertThat(Files.readAllBytes(dir.resolve("after-action-2.pdf"))).startsWith("%PDF-".getBytes());
        assertThat(home.resolve("takedown.db")).exists();
    }
}
