package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.orders.TransparencyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Transparency reports. */
final class ReportCommands {

    private ReportCommands() {
    }


    @Command(name = "report", description = "Reports.", subcommands = {Transparency.class})
    static final class ReportCommand extends LegalCommands.Group {
    }

    @Command(name = "transparency", description = "Art. 7/8 transparency report for a year, as CSV or HTML.")
    static final class Transparency extends LegalCommands.Legal {
        @Option(names = "--year", required = true)
        int year;
        @Option(names = "--format", defaultValue = "csv", description = "csv or html")
        String format;
        @Option(names = "--output", paramLabel = "FILE")
        Path output;

        @Override
        int run(Takedown w) throws Exception {
            TransparencyReport report = TransparencyReport.forYear(w.database(), actor(w), year);
            String text = format.equalsIgnoreCase("html") ? report.html() : report.csv();
            if (output == null) {
                out().print(text);
            } else {
                Files.writeString(output, text);
                out().printf("wrote %s%n", output);
            }
            return ExitCodes.OK;
        }
    }
}
