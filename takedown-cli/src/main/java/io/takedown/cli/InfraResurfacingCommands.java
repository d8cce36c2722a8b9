package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.infra.resurfacing.ResurfacingAlert;
import io.takedown.infra.resurfacing.ResurfacingStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code takedown infra resurfacing track|list|stats}: removed content that came back. */
final class InfraResurfacingCommands {

    private InfraResurfacingCommands() {
    }

    @Command(name = "resurfacing", description = "Removed content that came back: watch executed orders, list alerts, time to resurface.",
            subcommands = {Track.class, ListAlerts.class, Stats.class})
    static final class Resurfacing {
        @ParentCommand
        InfraCommand infra;
    }

    @Command(name = "track", description = {"Watch every executed removal order you may see: its item's signals go into the",
        "removed-content bank, so crawl captures that match raise alerts."})
    static final class Track implements Callable<Integer> {
        @ParentCommand
        Resurfacing parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Takedown takedown = parent.infra.root.workspace()) {
                Actor actor = takedown.directory().actor(parent.infra.root.actor());
                int added = takedown.removalIntake().trackExecuted(actor, takedown.resurfacingWatch());
                spec.commandLine().getOut().printf("%d executed order(s) newly watched; %d watched in all%n", added,
                        takedown.resurfacingWatch().removals(actor).size());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List resurfacing alerts about orders you may see, oldest first.")
    static final class ListAlerts implements Callable<Integer> {
        @ParentCommand
        Resurfacing parent;
        @Option(names = "--format", defaultValue = "table", converter = HashCommand.FormatConverter.class,
                description = "table, csv or jsonl (default ${DEFAULT-VALUE}).")
        OutputFormat format;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Takedown takedown = parent.infra.root.workspace();
                 RowWriter table = format.open(out, List.of("id", "order", "outlet", "removed_url", "back_at", "removed_from",
                         "since_removal", "signal", "distance"))) {
                Actor actor = takedown.directory().actor(parent.infra.root.actor());
                for (ResurfacingAlert a : takedown.resurfacingWatch().alerts(actor)) {
                    table.row(Arrays.asList(a.id(), a.orderId(), a.outlet(), a.removedUrl(), a.url(), a.removedFrom(),
                            human(a.sinceRemoval()), a.signalType(), a.distance()));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "stats", description = "Time to resurface per outlet and per provider, over orders you may see.")
    static final class Stats implements Callable<Integer> {
        @ParentCommand
        Resurfacing parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Takedown takedown = parent.infra.root.workspace()) {
                print(out, takedown.resurfacingWatch().stats(takedown.directory().actor(parent.infra.root.actor())));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    static void print(PrintWriter out, ResurfacingStats stats) {
        try (RowWriter table = OutputFormat.TABLE.open(out, List.of("by", "key", "removals", "resurfaced", "median", "longest"))) {
            for (ResurfacingStats.Row row : stats.byOutlet()) {
                table.row(row("outlet", row));
            }
            for (ResurfacingStats.Row row : stats.byProvider()) {
                table.row(row("provider", row));
            }
        }
    }

    private static List<Object> row(String by, ResurfacingStats.Row row) {
        return Arrays.asList(by, row.key().isBlank() ? "?" : row.key(), row.removals(), row.resurfaced(),
                row.median().map(InfraResurfacingCommands::human).orElse("-"),
                row.longest().map(InfraResurfacingCommands::human).orElse("-"));
    }

    static String human(Duration d) {
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min";
    }

    static String human(Optional<Duration> d) {
        return d.map(InfraResurfacingCommands::human).orElse("-");
    }
}
