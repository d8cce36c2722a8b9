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
    void mirrors_scanProposes_analystConfirmsAndRejects_othersMayNot() {
        java.util.List<String> at = java.util.List.of("--home", home.toString());
        assertThat(CliRun.run(at, "directory", "agency", "NL-IRU", "--name", "unit", "--country", "NL", "--kind",
                "referral_unit").exitCode()).isZero();
        assertThat(CliRun.run(at, "directory", "user", "admin", "--agency", "NL-IRU", "--role", "admin").exitCode()).isZero();
        CliRun.run(at, "--as", "admin", "directory", "user", "ana", "--agency", "NL-IRU", "--role", "analyst");
        Path observed = home.resolve("observed.graphml");
        CliRun scan = CliRun.run(at, "infra", "mirrors", "scan", "--graph", observed.toString());
        assertThat(scan.exitCode()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("mirror proposals").contains("analytics id");
        try {
            assertThat(Files.readString(observed)).contains("mirror_of").contains("favicon:").contains("analytics:");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRun list = CliRun.run(at, "infra", "mirrors", "list", "--status", "proposed", "--format", "csv");
        java.util.List<String> rows = list.lines();
        assertThat(rows.size()).isGreaterThan(10);
        String first = rows.get(1).split(",")[0];
        String second = rows.get(2).split(",")[0];
        assertThat(CliRun.run(at, "--as", "admin", "infra", "mirrors", "confirm", first).exitCode())
                .isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(CliRun.run(at, "--as", "ana", "infra", "mirrors", "confirm", first).out()).contains("confirmed");
        assertThat(CliRun.run(at, "--as", "ana", "infra", "mirrors", "reject", second, "--reason", "a fan site").out())
                .contains("rejected");
        assertThat(CliRun.run(at, "--as", "ana", "infra", "mirrors", "confirm", second).exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(CliRun.run(at, "--as", "ana", "infra", "mirrors", "confirm", "9999").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(CliRun.run(at, "infra", "mirrors", "list", "--status", "confirmed").out()).contains("confirmed");
        assertThat(CliRun.run(at, "infra", "mirrors", "scan").out()).contains("(0 new)");
        assertThat(CliRun.run(at, "--as", "ana", "infra", "resurfacing", "stats").exitCode()).isZero();
        assertThat(CliRun.run(at, "--as", "ana", "infra", "resurfacing", "track").out()).contains("0 executed order(s) newly watched");
    }

    @Test
    void badOptions_areUsageErrors() {
        assertThat(CliRun.run("--home", home.toString(), "infra", "suggest", "--budget", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("--home", home.toString(), "infra", "graph", "--format", "gif").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("--home", home.toString(), "infra", "graph", "--format", "png").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("--home", home.toString(), "infra", "mirrors", "list", "--status", "maybe").exitCode())
                .isEqualTo(2);
    }
}
