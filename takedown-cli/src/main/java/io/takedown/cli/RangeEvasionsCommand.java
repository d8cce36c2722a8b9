package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.app.evasion.EvasionFigures;
import io.takedown.range.RangeSize;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code takedown range evasions}: recall per evasion class against the range's ground truth. */
@Command(name = "evasions", description = {"Bank the range's originals with their robust variants, match every altered",
    "copy, and print recall per evasion class and false matches among distinct originals (on a scratch store)."})
final class RangeEvasionsCommand implements Callable<Integer> {

    @ParentCommand
    RangeCommand parent;
    @Option(names = "--seed", defaultValue = "42", description = "World seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--size", defaultValue = "small", description = "small, medium or large (default ${DEFAULT-VALUE}).")
    String size;
    @Option(names = "--format", defaultValue = "table", description = "table or csv (default ${DEFAULT-VALUE}).")
    String format;
    @Option(names = "--no-progress")
    boolean noProgress;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("table") && !f.equals("csv")) {
            throw new ParameterException(spec.commandLine(), "unknown format '" + format + "': use table or csv");
        }
        RangeSize rangeSize = RangeSize.parse(size);
        EvasionFigures figures;
        try (Takedown takedown = parent.root.workspace(); PhaseProgress listener = new PhaseProgress(!noProgress)) {
            figures = takedown.evasionFigures(seed, rangeSize, listener);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (f.equals("csv")) {
            printCsv(out, figures);
        } else {
            printTable(out, figures);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void printTable(PrintWriter out, EvasionFigures figures) {
        out.printf("evasions on range seed %d (%s): %d originals banked as %d entries (PDQ + robust variants)%n",
                figures.seed(), figures.size(), figures.originals(), figures.bankEntries());
        out.printf("%-12s %-5s %-58s %7s %9s %8s %5s%n", "class", "hard", "what", "copies", "PDQ only", "robust", "goal");
        for (EvasionFigures.ClassRecall row : figures.classes()) {
            out.printf("%-12s %-5s %-58s %7d %8.1f%% %7.1f%% %5s%n", row.transform().name().toLowerCase(Locale.ROOT),
                    row.hard() ? "yes" : "no", row.transform().description(), row.copies(), 100 * row.plainRecall(),
                    100 * row.recall(), row.goalMet() ? "met" : "MISS");
        }
        out.printf("copies matching a wrong original: %d of %d (%.3f%%); originals matching another: %d of %d (%.3f%%)%n",
                figures.copiesWithWrongMatch(), figures.copies(), 100 * figures.falseMatchRate(),
                figures.originalsMatchingAnother(), figures.originals(), 100 * figures.originalFalseMatchRate());
        out.printf("query hashes: %.2f per copy; took %.1f s; goals (>= 99 %% not hard, >= 90 %% hard, <= 0.1 %% false): %s%n",
                (double) figures.queryHashes() / Math.max(1, figures.copies()), figures.took().toMillis() / 1000.0,
                figures.goalsMet() ? "met" : "not all met");
    }

    private static void printCsv(PrintWriter out, EvasionFigures figures) {
        out.println("class,hard,copies,found,found_pdq_only,recall,recall_pdq_only");
        for (EvasionFigures.ClassRecall row : figures.classes()) {
            out.printf(Locale.ROOT, "%s,%s,%d,%d,%d,%.4f,%.4f%n", row.transform().name().toLowerCase(Locale.ROOT),
                    row.hard(), row.copies(), row.found(), row.foundPlain(), row.recall(), row.plainRecall());
        }
        out.printf(Locale.ROOT, "false_matches,,%d,%d,,%.5f,%n", figures.copies(), figures.copiesWithWrongMatch(),
                figures.falseMatchRate());
        out.printf(Locale.ROOT, "originals_matching_another,,%d,%d,,%.5f,%n", figures.originals(),
                figures.originalsMatchingAnother(), figures.originalFalseMatchRate());
    }
}
