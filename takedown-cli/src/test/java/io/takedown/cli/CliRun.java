package io.takedown.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One in-process run of the {@code takedown} command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        CommandLine commandLine = TakedownCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs with leading options (e.g. {@code --home DIR}) before the command's own arguments. */
    static CliRun run(List<String> leading, String... args) {
        return run(Stream.concat(leading.stream(), Stream.of(args)).toArray(String[]::new));
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
