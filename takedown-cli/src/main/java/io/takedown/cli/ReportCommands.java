package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.audit.AuditVerifier;
import io.takedown.orders.TransparencyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The legal workflow on the command line: directory, cases, referrals, removal orders, transparency
 * reports and audit verification. Every command acts as the user named by {@code --as}, whose roles the
 * services check.
 */
/** Transparency reports and audit verification. */
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

    @Command(name = "audit", description = "The audit trail.", subcommands = {Verify.class})
    static final class AuditCommand extends LegalCommands.Group {
    }

    @Command(name = "verify", description = "Re-compute the hash chain and check signed checkpoints; exit 3 when tampered.")
    static final class Verify extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            AuditVerifier.Report report = AuditVerifier.verify(w.database(), w.signer().publicKey());
            if (report.intact()) {
                out().printf("audit trail intact: %d entries, %d signed checkpoints (key %s)%n", report.entries(),
                        report.checkpoints(), w.signer().keyId());
                return ExitCodes.OK;
            }
            out().printf("audit trail TAMPERED: %d problem(s) in %d entries%n", report.problems().size(), report.entries());
            report.problems().forEach(problem -> out().println("  " + problem));
            return ExitCodes.INVALID_INPUT;
        }
    }
}
