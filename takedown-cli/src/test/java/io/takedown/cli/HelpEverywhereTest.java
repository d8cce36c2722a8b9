package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command of the tree, including ones added later, answers -h, --help and --version. */
class HelpEverywhereTest {

    @TestFactory
    Stream<DynamicTest> everyCommand_answersHelpAndVersion() {
        List<List<String>> paths = new ArrayList<>();
        collect(TakedownCommand.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(20);
        return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path), () -> {
            for (String flag : List.of("-h", "--help")) {
                CliRun run = CliRun.run(Stream.concat(path.stream(), Stream.of(flag)).toArray(String[]::new));
                assertThat(run.exitCode()).as(path + " " + flag + ": " + run.err()).isZero();
                assertThat(run.out()).startsWith("Usage: takedown");
            }
            CliRun version = CliRun.run(Stream.concat(path.stream(), Stream.of("--version")).toArray(String[]::new));
            assertThat(version.exitCode()).isZero();
            assertThat(version.out()).startsWith("takedown ");
        }));
    }

    @Test
    void version_namesTheBuild() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("^takedown \\S+").contains("Java ");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
        for (var entry : command.getSubcommands().entrySet()) {
            if (entry.getValue().getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            if (!entry.getKey().equals(entry.getValue().getCommandName())) {
                continue; // an alias
            }
            List<String> sub = new ArrayList<>(path);
            sub.add(entry.getKey());
            out.add(sub);
            collect(entry.getValue(), sub, out);
        }
    }
}
