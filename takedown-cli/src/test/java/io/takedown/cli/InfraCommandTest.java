package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraCommandTest {

    @TempDir
    Path home;

    @Test
    void suggest_json_listsTargetsForTheActionDayPlanner() throws Exception {
        CliRun run = CliRun.run("--home", home.toString(), "infra", "suggest", "--budget", "3", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode targets = new ObjectMapper().readTree(run.out());
        assertThat(targets).hasSize(3);
        for (JsonNode target : targets) {
            assertThat(target.path("target").asText()).contains(":");
            assertThat(target.path("addressee").asText()).isNotBlank();
            assertThat(target.path("reason").asText()).isNotBlank();
            assertThat(target.path("reachRemoved").asLong()).isPositive();
        }
    }

    @Test
    void suggest_table_comparesWithNaiveAndOptimum() {
        CliRun run = CliRun.run("--home", home.toString(), "infra", "suggest", "--budget", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("reach removed: suggested").contains("naive (main domains)").contains("optimum");
    }

    @Test
    void graph_graphmlAndDot_writeEveryNodeType() throws Exception {
        Path graphml = home.resolve("g.graphml");
        CliRun run = CliRun.run("--home", home.toString(), "infra", "graph", "--format", "graphml", "--out", graphml.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String xml = Files.readString(graphml);
        assertThat(xml).contains("<graphml").contains("registrar:").contains("update-url:").contains("first_seen");
        CliRun dot = CliRun.run("--home", home.toString(), "infra", "graph", "--format", "dot");
        assertThat(dot.exitCode()).isZero();
        assertThat(dot.out()).startsWith("digraph G {").contains("rankdir").contains("label=\"Takedown infrastructure graph");
    }

    @Test
    void graph_picture_drawsWithGraphvizOrSaysItIsMissing() throws Exception {
        Path svg = home.resolve("g.svg");
        CliRun run = CliRun.run("--home", home.toString(), "infra", "graph", "--format", "svg", "--out", svg.toString());
        assertThat(Files.exists(home.resolve("g.dot"))).isTrue();
        if (run.exitCode() == 0) {
            assertThat(Files.readString(svg)).contains("<svg");
        } else {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("Graphviz");
        }
    }

    @Test
    void badOptions_areUsageErrors() {
        assertThat(CliRun.run("--home", home.toString(), "infra", "suggest", "--budget", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("--home", home.toString(), "infra", "graph", "--format", "gif").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("--home", home.toString(), "infra", "graph", "--format", "png").exitCode()).isEqualTo(2);
    }
}
