package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.app.Takedown;
import io.takedown.cases.Item;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The legal workflow on the command line: directory, cases, referrals, removal orders, transparency
 * reports and audit verification. Every command acts as the user named by {@code --as}, whose roles the
 * services check.
 */
/** Case commands: cases, items, deconfliction. */
final class CaseCommands {

    private CaseCommands() {
    }


    @Command(name = "case", description = "Cases and their items.",
            subcommands = {CreateCase.class, ListCases.class, AddItem.class, ShowItem.class, Prior.class})
    static final class CaseCommand extends LegalCommands.Group {
    }

    @Command(name = "create", description = "Create a case.")
    static final class CreateCase extends LegalCommands.Legal {
        @Option(names = "--title", required = true)
        String title;
        @Option(names = "--handling", defaultValue = "amber", description = "red, amber or green (default ${DEFAULT-VALUE}).")
        String handling;
        @Option(names = "--may-leave", description = "Items may be shared outside the agency.")
        boolean mayLeave;

        @Override
        int run(Takedown w) {
            var file = cases(w).createCase(actor(w), title, Handling.parse(handling), mayLeave);
            out().printf("case %d created (%s)%n", file.id(), file.handling());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Cases you may see.")
    static final class ListCases extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("case", "agency", "handling", "title", "created_by",
                    "created_at"))) {
                for (var file : cases(w).cases(actor(w))) {
                    rows.row(Arrays.asList(file.id(), file.agency(), file.handling(), file.title(), file.createdBy(),
                            file.createdAt().toString()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add-item", description = "Add an item (URL) to a case; shows prior actions on the same URL.")
    static final class AddItem extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "CASE")
        long caseId;
        @Parameters(index = "1", paramLabel = "URL")
        String url;
        @Option(names = "--capture", description = "Evidence capture reference (e.g. a WARC record).")
        String capture;
        @Option(names = "--label")
        List<String> labels = new ArrayList<>();
        @Option(names = "--handling", defaultValue = "amber")
        String handling;

        @Override
        int run(Takedown w) {
            Actor actor = actor(w);
            Item item = cases(w).addItem(actor, caseId, url, Optional.ofNullable(capture), Map.of(), labels,
                    Handling.parse(handling));
            out().printf("item %d added to case %d (%s)%n", item.id(), caseId, item.canonicalUrl());
            LegalCommands.printPrior(out(), cases(w).priorActions(actor, url));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show-item", description = "Show an item (the read is audited).")
    static final class ShowItem extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ITEM")
        long itemId;

        @Override
        int run(Takedown w) {
            Item item = cases(w).viewItem(actor(w), itemId);
            out().printf("item %d of case %d (%s, %s)%n  url: %s%n  capture: %s (preview blurred)%n  labels: %s%n",
                    item.id(), item.caseId(), item.agency(), item.handling(), item.url(),
                    item.captureRef().orElse("-"), String.join(", ", item.labels()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "prior", description = "Referrals and orders any agency already made for a URL (deconfliction).")
    static final class Prior extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "URL")
        String url;

        @Override
        int run(Takedown w) {
            LegalCommands.printPrior(out(), cases(w).priorActions(actor(w), url));
            return ExitCodes.OK;
        }
    }

}
