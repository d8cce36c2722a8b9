package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.infra.mirrors.Evidence;
import io.takedown.infra.mirrors.MirrorProposal;
import io.takedown.infra.mirrors.MirrorReview;
import io.takedown.infra.observe.RangeMirrorScan;
import io.takedown.range.RangeSize;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code takedown infra mirrors scan|list|confirm|reject}: mirror proposals and the analyst's decisions. */
final class InfraMirrorCommands {

    private InfraMirrorCommands() {
    }

    @Command(name = "mirrors", description = "Mirror proposals: scan the range, list them with their evidence, confirm or reject.",
            subcommands = {Scan.class, ListProposals.class, Confirm.class, Reject.class})
    static final class Mirrors {
        @ParentCommand
        InfraCommand infra;

        TakedownCommand root() {
            return infra.root;
        }
    }

    @Command(name = "scan", description = {"Observe every site of the synthetic range on loopback and propose mirrors of its outlets",
        "(known by their main domains and the mirrors already confirmed); proposals are stored for review."})
    static final class Scan implements Callable<Integer> {
        @ParentCommand
        Mirrors parent;
        @Option(names = "--seed", defaultValue = "42")
        long seed;
        @Option(names = "--size", defaultValue = "small")
        String size;
        @Option(names = "--after-hours", defaultValue = "9", paramLabel = "H")
        long afterHours;
        @Option(names = "--graph", paramLabel = "FILE",
                description = "Also write the observed graph: .graphml, .dot, or a picture (.svg, .png).")
        java.nio.file.Path graph;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Takedown takedown = parent.root().workspace()) {
                RangeMirrorScan.Result result = takedown.mirrorScan().scan(seed, RangeSize.parse(size), Duration.ofHours(afterHours));
                out.printf("observed %d sites; %d mirror proposals (%d new)%n", result.observed(), result.proposals().size(),
                        result.added());
                try (RowWriter table = OutputFormat.TABLE.open(out, List.of("host", "outlet", "confidence", "evidence"))) {
                    for (MirrorProposal p : result.proposals()) {
                        table.row(Arrays.asList(p.host(), p.outlet(), String.format(Locale.ROOT, "%.2f", p.confidence()),
                                summary(p)));
                    }
                }
                if (graph != null) {
                    InfraCommand.writeGraph(result.graph(), graph, out, spec.commandLine().getErr());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List stored mirror proposals, most confident first.")
    static final class ListProposals implements Callable<Integer> {
        @ParentCommand
        Mirrors parent;
        @Option(names = "--status", description = "proposed, confirmed or rejected (default: all).")
        String status;
        @Option(names = "--format", defaultValue = "table", converter = HashCommand.FormatConverter.class,
                description = "table, csv or jsonl (default ${DEFAULT-VALUE}).")
        OutputFormat format;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<MirrorReview.Status> wanted;
            try {
                wanted = Optional.ofNullable(status).map(s -> MirrorReview.Status.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown status '" + status
                        + "': use proposed, confirmed or rejected");
            }
            try (Takedown takedown = parent.root().workspace();
                 RowWriter table = format.open(out, List.of("id", "host", "outlet", "confidence", "status", "decided_by",
                         "evidence"))) {
                for (MirrorReview.Stored s : takedown.mirrorReview().list(wanted)) {
                    table.row(Arrays.asList(s.id(), s.proposal().host(), s.proposal().outlet(),
                            String.format(Locale.ROOT, "%.2f", s.proposal().confidence()),
                            s.status().name().toLowerCase(Locale.ROOT), s.decidedBy().orElse(null), summary(s.proposal())));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "confirm", description = "Confirm a proposal: the site is a mirror of the outlet (recorded and audited).")
    static final class Confirm implements Callable<Integer> {
        @ParentCommand
        Mirrors parent;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--note", defaultValue = "")
        String note;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Takedown takedown = parent.root().workspace()) {
                Actor actor = takedown.directory().actor(parent.root().actor());
                MirrorReview.Stored s = takedown.mirrorReview().confirm(actor, id, note);
                spec.commandLine().getOut().printf("mirror proposal %d confirmed: %s is a mirror of %s%n", s.id(),
                        s.proposal().host(), s.proposal().outlet());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "reject", description = "Reject a proposal with a reason (recorded and audited).")
    static final class Reject implements Callable<Integer> {
        @ParentCommand
        Mirrors parent;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--reason", required = true)
        String reason;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Takedown takedown = parent.root().workspace()) {
                Actor actor = takedown.directory().actor(parent.root().actor());
                MirrorReview.Stored s = takedown.mirrorReview().reject(actor, id, reason);
                spec.commandLine().getOut().printf("mirror proposal %d rejected: %s%n", s.id(), s.proposal().host());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    static String summary(MirrorProposal p) {
        return p.evidence().stream().map(e -> label(e) + (e.kind() == Evidence.Kind.TEMPLATE_SIMILARITY
                || e.kind() == Evidence.Kind.SHARED_TEXT ? " " + e.value() : ""))
                .distinct().collect(Collectors.joining(", "));
    }

    private static String label(Evidence e) {
        return e.kind().name().toLowerCase(Locale.ROOT).replace("shared_", "").replace('_', ' ');
    }
}
