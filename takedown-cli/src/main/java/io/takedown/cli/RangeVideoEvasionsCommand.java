package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.app.evasion.VideoEvasionFigures;
import io.takedown.range.RangeSize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code takedown range video-evasions}: recall of vPDQ per video alteration against the range's ground truth. */
@Command(name = "video-evasions", description = {"Encode the range's videos and their altered copies with FFmpeg, hash",
    "them with vPDQ one frame a second, and print recall per alteration and false matches among distinct originals."})
final class RangeVideoEvasionsCommand implements Callable<Integer> {

    @ParentCommand
    RangeCommand parent;
    @Option(names = "--seed", defaultValue = "42", description = "World seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--size", defaultValue = "small",
            description = "small (3 videos), medium (120) or large (4,000) (default ${DEFAULT-VALUE}).")
    String size;
    @Option(names = "--format", defaultValue = "table", description = "table or csv (default ${DEFAULT-VALUE}).")
    String format;
    @Option(names = "--keep", paramLabel = "DIR",
            description = "Keep the videos and their ground truth (ground-truth.jsonl) in DIR.")
    Path keep;
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
        VideoEvasionFigures figures;
        try (Takedown takedown = parent.root.workspace(); PhaseProgress bars = new PhaseProgress(!noProgress)) {
            figures = takedown.videoEvasionFigures(seed, rangeSize, Optional.ofNullable(keep), bars);
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

    static void printTable(PrintWriter out, VideoEvasionFigures figures) {
        out.printf("video evasions on range seed %d (%s): %d original videos, each banked as its vPDQ and its mirrored vPDQ%n",
                figures.seed(), figures.size(), figures.originals());
        out.printf("%-13s %-5s %-78s %7s %8s %14s %11s%n", "alteration", "hard", "what", "copies", "vPDQ",
                "+bank mirror", "frames hit");
        for (VideoEvasionFigures.ClassRecall row : figures.classes()) {
            out.printf("%-13s %-5s %-78s %7d %7.1f%% %13.1f%% %10.1f%%%n", row.alteration().label(),
                    row.alteration().hard() ? "yes" : "no", row.alteration().description(), row.copies(),
                    100 * row.plainRecall(), 100 * row.recall(), row.querySharePercent());
        }
        out.printf("copies matching a wrong original: %d of %d (%.3f%%); originals matching another: %d of %d (%.3f%%)%n",
                figures.copiesWithWrongMatch(), figures.copies(), 100 * figures.falseMatchRate(),
                figures.originalsMatchingAnother(), figures.originals(), 100 * figures.originalFalseMatchRate());
        out.printf("match: 80 %% of the copy's frames (quality >= 50) within 31 bits; %d frames hashed; took %.1f s%n",
                figures.framesHashed(), figures.took().toMillis() / 1000.0);
        out.printf("%s%n", figures.ffmpeg());
    }

    private static void printCsv(PrintWriter out, VideoEvasionFigures figures) {
        out.println("alteration,hard,copies,found,found_vpdq_only,recall,recall_vpdq_only,mean_frames_hit_percent");
        for (VideoEvasionFigures.ClassRecall row : figures.classes()) {
            out.printf(Locale.ROOT, "%s,%s,%d,%d,%d,%.4f,%.4f,%.1f%n", row.alteration().label(), row.alteration().hard(),
                    row.copies(), row.found(),
                    row.foundPlain(), row.recall(), row.plainRecall(), row.querySharePercent());
        }
        out.printf(Locale.ROOT, "false_matches,,%d,%d,,%.5f,,%n", figures.copies(), figures.copiesWithWrongMatch(),
                figures.falseMatchRate());
        out.printf(Locale.ROOT, "originals_matching_another,,%d,%d,,%.5f,,%n", figures.originals(),
                figures.originalsMatchingAnother(), figures.originalFalseMatchRate());
    }
}
