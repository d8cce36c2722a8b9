package io.takedown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.takedown.app.Takedown;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.infra.evaluation.InfraFigures;
import io.takedown.infra.evaluation.MirrorFigures;
import io.takedown.infra.evaluation.Resilience;
import io.takedown.infra.evaluation.ResurfacingFigures;
import io.takedown.infra.evaluation.WeakPointFigures;
import io.takedown.infra.graph.GraphExport;
import io.takedown.infra.graph.GraphPicture;
import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.weakpoints.Plan;
import io.takedown.infra.weakpoints.Suggestions;
import io.takedown.infra.weakpoints.TargetSuggestion;
import io.takedown.range.RangeSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code takedown infra graph|suggest|evaluate}: infrastructure intelligence; parse, call the service, render. */
@Command(name = "infra", description = "Infrastructure intelligence: the graph outlets run on, its weak points, mirrors.",
        subcommands = {InfraCommand.Graph.class, InfraCommand.Suggest.class, InfraMirrorCommands.Mirrors.class,
            InfraResurfacingCommands.Resurfacing.class, InfraCommand.Evaluate.class})
final class InfraCommand {

    @ParentCommand
    TakedownCommand root;

    /** Which range world the graph comes from. */
    static class RangeOptions {
        @Option(names = "--seed", defaultValue = "42", description = "Range seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--size", defaultValue = "small", description = "small, medium or large (default ${DEFAULT-VALUE}).")
        String size;
        @Option(names = "--after-hours", defaultValue = "9", paramLabel = "H",
                description = "Range hours after the start of range time to take the graph at (default ${DEFAULT-VALUE}).")
        long afterHours;

        RangeSize rangeSize() {
            return RangeSize.parse(size);
        }

        InfraGraph graph(Takedown takedown) {
            return takedown.infraEvaluation().truthGraph(seed, rangeSize(), Duration.ofHours(afterHours));
        }
    }

    @Command(name = "graph", description = {"Export the infrastructure graph as GraphML or DOT, or draw it (SVG/PNG via Graphviz).",
        "The graph is the synthetic range's (--seed, --size) at a range instant."})
    static final class Graph implements Callable<Integer> {
        @ParentCommand
        InfraCommand parent;
        @Mixin
        RangeOptions range = new RangeOptions();
        @Option(names = "--format", defaultValue = "graphml", description = "graphml, dot, svg or png (default ${DEFAULT-VALUE}).")
        String format;
        @Option(names = "--out", paramLabel = "FILE", description = "Output file (required for svg and png; else standard output).")
        Path out;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            String f = format.toLowerCase(Locale.ROOT);
            if (!List.of("graphml", "dot", "svg", "png").contains(f)) {
                throw new ParameterException(spec.commandLine(), "unknown format '" + format
                        + "': use graphml, dot, svg or png");
            }
            try (Takedown takedown = parent.root.workspace()) {
                InfraGraph graph = range.graph(takedown);
                if (f.equals("svg") || f.equals("png")) {
                    if (out == null) {
                        throw new ParameterException(spec.commandLine(), "--out FILE." + f + " is required for " + f);
                    }
                    Path picture = out.toString().toLowerCase(Locale.ROOT).endsWith("." + f) ? out
                            : out.resolveSibling(out.getFileName() + "." + f);
                    GraphPicture.Result result = GraphPicture.render(graph, picture);
                    (result.picture().isPresent() ? stdout : spec.commandLine().getErr()).println(result.message());
                    spec.commandLine().getErr().flush();
                    stdout.flush();
                    return result.picture().isPresent() ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
                }
                Writer writer = out == null ? stdout : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                try {
                    if (f.equals("graphml")) {
                        GraphExport.graphml(graph, writer);
                    } else {
                        GraphExport.dot(graph, writer);
                    }
                } finally {
                    writer.flush();
                    if (out != null) {
                        writer.close();
                    }
                }
                if (out != null) {
                    stdout.printf("wrote %s: %d nodes, %d edges%n", out, graph.nodeCount(), graph.edgeCount());
                }
                stdout.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "suggest", description = {"List the targets whose removal cuts the most audience reach, with a reason each.",
        "Compared with the naive plan (each outlet's main domain) and, on small graphs, the exhaustive optimum.",
        "--format json gives the list for the action-day planner."})
    static final class Suggest implements Callable<Integer> {
        @ParentCommand
        InfraCommand parent;
        @Mixin
        RangeOptions range = new RangeOptions();
        @Option(names = "--budget", required = true, paramLabel = "N", description = "How many targets.")
        int budget;
        @Option(names = "--format", defaultValue = "table", description = "table, csv, jsonl or json (default ${DEFAULT-VALUE}).")
        String format;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (budget < 1 || budget > 50) {
                throw new ParameterException(spec.commandLine(), "--budget must be between 1 and 50");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Takedown takedown = parent.root.workspace()) {
                Suggestions.Result result = takedown.infraEvaluation().suggest(range.graph(takedown), budget);
                if (format.equalsIgnoreCase("json")) {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.targets()));
                    out.flush();
                    return ExitCodes.OK;
                }
                OutputFormat rows = OutputFormat.valueOf(format.toUpperCase(Locale.ROOT));
                try (RowWriter table = rows.open(out, List.of("rank", "target", "kind", "addressee", "reach_removed",
                        "outlets", "reason"))) {
                    for (TargetSuggestion t : result.targets()) {
                        table.row(Arrays.asList(t.rank(), t.target(), t.kind(), t.addressee(), t.reachRemoved(),
                                String.join(" ", t.outlets()), t.reason()));
                    }
                }
                if (rows == OutputFormat.TABLE) {
                    out.printf("%nreach removed: suggested %s; naive (main domains) %s; optimum %s%n", share(result.suggested()),
                            share(result.naive()), result.optimum().map(InfraCommand::share).orElse("not computed (too many sets)"));
                }
                out.flush();
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "unknown format '" + format
                        + "': use table, csv, jsonl or json");
            }
        }
    }

    @Command(name = "evaluate", description = {"Measure against the range's ground truth: suggestions (optimum, naive, strikes",
        "replayed), mirror precision and recall, resurfacing detection delay. Runs on a scratch store."})
    static final class Evaluate implements Callable<Integer> {
        @ParentCommand
        InfraCommand parent;
        @Option(names = "--seed", defaultValue = "42")
        long seed;
        @Option(names = "--size", defaultValue = "small")
        String size;
        @Option(names = "--budget", defaultValue = "4", description = "Largest budget (default ${DEFAULT-VALUE}).")
        int budget;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Takedown takedown = parent.root.workspace()) {
                printFigures(out, takedown.infraFigures(seed, RangeSize.parse(size), budget));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Writes a graph by the file's extension: GraphML, DOT, or a picture through Graphviz. */
    static void writeGraph(InfraGraph graph, Path file, PrintWriter out, PrintWriter err) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg") || name.endsWith(".png")) {
            GraphPicture.Result result = GraphPicture.render(graph, file);
            (result.picture().isPresent() ? out : err).println(result.message());
            err.flush();
            return;
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (name.endsWith(".dot")) {
                GraphExport.dot(graph, writer);
            } else {
                GraphExport.graphml(graph, writer);
            }
        }
        out.printf("wrote %s: %d nodes, %d edges%n", file, graph.nodeCount(), graph.edgeCount());
    }

    /** Every infrastructure figure: weak points, mirrors, resurfacing. */
    static void printFigures(PrintWriter out, InfraFigures figures) {
        printWeakPoints(out, figures.weakPoints());
        MirrorFigures m = figures.mirrors();
        out.printf(Locale.ROOT, "%nMirror detection (%d sites observed on loopback, each outlet known by its main domain): "
                + "%d true mirrors, %d proposed, %d right; precision %.1f %%, recall %.1f %%%n", m.sites(), m.mirrors(),
                m.proposals(), m.correct(), 100 * m.precision(), 100 * m.recall());
        out.printf(Locale.ROOT, "  %d sites observed over HTTPS (range CA); %d right proposals carry a shared certificate or key%n",
                m.overTls(), m.keyEvidence());
        m.wrong().forEach(w -> out.println("  wrong: " + w));
        m.missed().forEach(w -> out.println("  missed: " + w));
        ResurfacingFigures r = figures.resurfacing();
        out.printf(Locale.ROOT, "%nResurfacing (%d removals by order, crawl every %s of range time): %d came back, %d detected, "
                + "%d within one crawl cycle, %d false alerts; delay from return to alert: median %s, longest %s%n",
                r.removals(), InfraResurfacingCommands.human(r.cycle()), r.resurfaced(), r.detected(), r.withinOneCycle(),
                r.falseAlerts(), InfraResurfacingCommands.human(r.medianDelay()), InfraResurfacingCommands.human(r.longestDelay()));
        r.missed().forEach(w -> out.println("  missed: " + w));
        r.falseAlertList().forEach(w -> out.println("  false alert: " + w));
        out.println("Time to resurface:");
        InfraResurfacingCommands.print(out, r.stats());
    }

    /** The weak-point figures as two tables. */
    static void printWeakPoints(PrintWriter out, WeakPointFigures figures) {
        out.printf("Weak points on range seed %d (%s), total audience %,d:%n", figures.seed(), figures.size(),
                figures.totalAudience());
        try (RowWriter table = OutputFormat.TABLE.open(out, List.of("budget", "suggested", "optimum", "of optimum",
                "naive (main domains)", "suggested targets"))) {
            for (WeakPointFigures.Row row : figures.rows()) {
                table.row(Arrays.asList(row.budget(), share(row.suggested()), row.optimum().map(InfraCommand::share).orElse("-"),
                        row.ofOptimum().map(r -> String.format(Locale.ROOT, "%.1f %%", 100 * r)).orElse("-"),
                        share(row.naive()), String.join(" ", row.suggested().targets())));
            }
        }
        out.println("Strikes replayed in range time (reach per outlet: before, +0, +1h, +6h, +1d, +7d; resilience = share rebuilt at +7d):");
        try (RowWriter table = OutputFormat.TABLE.open(out, List.of("plan", "outlet", "before", "reach after", "resilience"))) {
            for (Resilience r : figures.suggestedStrike()) {
                table.row(resilienceRow("suggested", r));
            }
            for (Resilience r : figures.naiveStrike()) {
                table.row(resilienceRow("naive", r));
            }
        }
    }

    private static List<Object> resilienceRow(String plan, Resilience r) {
        return Arrays.asList(plan, r.outlet(), r.before(), String.join(" / ", r.reach().stream().map(String::valueOf).toList()),
                String.format(Locale.ROOT, "%.2f", r.score()));
    }

    static String share(Plan plan) {
        return String.format(Locale.ROOT, "%,d (%.1f %%)", plan.removed(), 100 * plan.share());
    }
}
