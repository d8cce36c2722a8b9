package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.banks.BankStore;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.Matcher;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.signals.hashing.FileHashes;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.signals.pdq.PdqImageHashing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code takedown match PATH... [--bank NAME]}: which banked entries do these files match? */
@Command(name = "match", description = {
    "Match files and folders against every bank.",
    "One row per match, with distance, labels and the matched entry's provenance; a file without",
    "matches gets one row with status no-match. Matches that a",
    "negative bank marks as known false positives have status suppressed."})
final class MatchCommand implements Callable<Integer> {

    @ParentCommand
    TakedownCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;
    @Option(names = "--bank", paramLabel = "NAME", description = "Banks to report (repeatable; default: all). "
            + "Negative banks always apply.")
    List<String> bankNames = new ArrayList<>();
    @Option(names = "--dihedral", description = "Also match rotated and flipped copies of images.")
    boolean dihedral;
    @Option(names = "--robust", description = "Also search the image without its borders, its panels (collages, "
            + "screenshots), its middle and, when slightly turned, turned back (pairs with bank add --robust).")
    boolean robust;
    @Option(names = "--min-quality", defaultValue = "50", description = "Ignore PDQ hashes below this quality (default ${DEFAULT-VALUE}).")
    int minQuality;
    @Option(names = "--format", defaultValue = "table", converter = HashCommand.FormatConverter.class,
            description = "csv, jsonl or table (default: ${DEFAULT-VALUE}).")
    OutputFormat format;
    @Option(names = "--no-progress")
    boolean noProgress;

    @Override
    public Integer call() {
        try (Takedown workspace = root.workspace()) {
            BankStore store = workspace.banks();
            bankNames.forEach(store::bank); // unknown bank names fail before any hashing
            Matcher matcher = workspace.matcher(MatchSettings.DEFAULTS.withMinPdqQuality(minQuality));
            ImageDecoder decoder = new ImageDecoder();
            PdqImageHashing dihedralHashing = new PdqImageHashing();
            io.takedown.signals.robust.RobustHashing robustHashing = new io.takedown.signals.robust.RobustHashing();
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger matched = new AtomicInteger();
            List<String> columns = List.of("path", "status", "signal", "distance", "transform", "bank", "entry_id",
                    "labels", "source_ref", "source_bank", "added_by", "added_at", "suppressed_by", "error");
            try (RowWriter writer = format.open(spec.commandLine().getOut(), columns)) {
                FileSignals.hash(paths, List.of("md5", "sha256", "pdq", "text"), !noProgress, spec, file -> {
                    if (file.status() == FileHashes.Status.FAILED) {
                        failures.incrementAndGet();
                        writer.row(errorRow(file));
                        return;
                    }
                    Map<String, PdqHash> variants = new java.util.LinkedHashMap<>(
                            dihedral ? FileSignals.dihedralVariants(file, decoder, dihedralHashing) : Map.of());
                    if (robust) {
                        FileSignals.robustVariants(file, false, decoder, robustHashing)
                                .forEach((label, result) -> variants.put(label, result.hash()));
                    }
                    List<MatchResult> results = matcher.match(new MatchQuery(List.copyOf(file.signals().values()),
                            variants)).stream()
                            .filter(r -> bankNames.isEmpty() || bankNames.contains(r.entry().bankName()))
                            .toList();
                    if (!file.ok()) {
                        failures.incrementAndGet();
                    }
                    if (results.isEmpty()) {
                        writer.row(Arrays.asList(file.path(), file.ok() ? "no-match" : "error", null, null, null, null,
                                null, null, null, null, null, null, null, file.error().orElse(null)));
                        return;
                    }
                    matched.incrementAndGet();
                    for (MatchResult result : results) {
                        writer.row(row(file, result));
                    }
                });
            }
            matcher.persistFloodMemory();
            spec.commandLine().getErr().printf("takedown: %d file(s) matched; %d could not be fully hashed%n",
                    matched.get(), failures.get());
            spec.commandLine().getErr().flush();
            return failures.get() == 0 ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
        }
    }

    private static List<Object> row(FileHashes file, MatchResult result) {
        String status = result.floodQuarantined() ? "flood-quarantined" : result.suppressed() ? "suppressed" : "match";
        return Arrays.asList(file.path(), status, result.signalType(), result.distance(),
                result.transform().orElse(null), result.entry().bankName(), result.entry().id(),
                String.join(";", result.entry().labels()),
                result.entry().provenance().sourceRef().orElse(null),
                result.entry().provenance().sourceBank().orElse(null),
                result.entry().provenance().addedBy(), result.entry().provenance().addedAt().toString(),
                result.suppressedBy().map(e -> e.bankName() + "#" + e.id()).orElse(null), null);
    }

    private static List<Object> errorRow(FileHashes file) {
        return Arrays.asList(file.path(), "error", null, null, null, null, null, null, null, null, null, null, null,
                file.error().orElse(null));
    }

}
