package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.banks.Bank;
import io.takedown.banks.BankEntry;
import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.banks.exchange.BankImport;
import io.takedown.banks.exchange.ExchangeFormat;
import io.takedown.banks.exchange.ExchangeWriter;
import io.takedown.banks.exchange.ImportReport;
import io.takedown.banks.matching.IndexStatus;
import io.takedown.banks.matching.MatchService;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.signals.Signal;
import io.takedown.signals.hashing.FileHashes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code takedown bank ...}: create, fill, curate and exchange hash banks. */
@Command(name = "bank", description = "Manage hash banks: named collections of signals with labels and provenance.",
        subcommands = {BankCommand.Create.class, BankCommand.ListBanks.class, BankCommand.Add.class,
            BankCommand.Remove.class, BankCommand.Label.class, BankCommand.Release.class, BankCommand.Show.class,
            BankCommand.Export.class, BankCommand.Import.class, BankCommand.Index.class})
final class BankCommand {

    @ParentCommand
    TakedownCommand root;

    /** Shared plumbing of the subcommands. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        BankCommand bank;
        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        TakedownCommand root() {
            return bank.root;
        }

        @Override
        public Integer call() throws Exception {
            try (Takedown workspace = root().workspace()) {
                return run(workspace);
            }
        }

        int run(Takedown workspace) throws Exception {
            return run(workspace.banks());
        }

        int run(BankStore store) throws Exception {
            throw new UnsupportedOperationException();
        }
    }

    @Command(name = "create", description = "Create a bank.")
    static final class Create extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--description")
        String description;
        @Option(names = "--negative", description = "A bank of known false positives: its matches suppress others.")
        boolean negative;
        @Option(names = "--pdq-distance", paramLabel = "BITS", description = "This bank's PDQ match distance (default 31).")
        Integer pdqDistance;
        @Option(names = "--text-distance", paramLabel = "N", description = "This bank's text match distance (default 50).")
        Integer textDistance;

        @Override
        int run(BankStore store) {
            Bank bank = store.createBank(name, description, negative,
                    pdqDistance == null ? OptionalInt.empty() : OptionalInt.of(pdqDistance),
                    textDistance == null ? OptionalInt.empty() : OptionalInt.of(textDistance), root().actor());
            out().printf("created bank %s%s%n", bank.name(), bank.negative() ? " (negative)" : "");
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List banks with their active entry counts.")
    static final class ListBanks extends Sub {
        @Option(names = "--format", defaultValue = "table", converter = HashCommand.FormatConverter.class)
        OutputFormat format;

        @Override
        int run(BankStore store) {
            Map<String, Integer> counts = store.activeCounts();
            try (RowWriter writer = format.open(out(), List.of("name", "entries", "version", "negative", "pdq_distance",
                    "text_distance", "created_by", "created_at", "description"))) {
                for (Bank bank : store.banks()) {
                    writer.row(java.util.Arrays.asList(bank.name(), counts.getOrDefault(bank.name(), 0), bank.version(),
                            bank.negative(), bank.pdqDistance().isPresent() ? bank.pdqDistance().getAsInt() : null,
                            bank.textDistance().isPresent() ? bank.textDistance().getAsInt() : null,
                            bank.createdBy(), bank.createdAt().toString(), bank.description()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", description = "Hash files and folders and add their signals to a bank; each entry keeps "
            + "its file's path as source reference.")
    static final class Add extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
        List<Path> paths;
        @Option(names = "--label", paramLabel = "LABEL", description = "Label for every entry (repeatable), e.g. "
                + "recruitment, entity:outlet-7.")
        List<String> labels = new ArrayList<>();
        @Option(names = "--signals", split = ",", paramLabel = "NAME", description = "Signals to bank (default: pdq,md5,sha256,text).")
        List<String> signals;
        @Option(names = "--confidence", paramLabel = "0..1")
        Double confidence;
        @Option(names = "--expires", paramLabel = "INSTANT", description = "e.g. 2027-06-01T00:00:00Z")
        String expires;
        @Option(names = "--robust", description = "Also store robust PDQ variants of images (the 7 other pixel "
                + "orientations, without borders, middle, panels), so mirrored and framed copies match at no query cost.")
        boolean robust;
        @Option(names = "--no-progress")
        boolean noProgress;

        @Override
        int run(BankStore store) {
            store.bank(name); // fail early on a missing bank, before hashing a folder
            io.takedown.signals.media.ImageDecoder decoder = new io.takedown.signals.media.ImageDecoder();
            io.takedown.signals.robust.RobustHashing robustHashing = new io.takedown.signals.robust.RobustHashing();
            int[] variants = {0};
            Optional<Instant> expiry = parseInstant(expires);
            List<NewEntry> entries = new ArrayList<>();
            List<FileHashes> failures = new ArrayList<>();
            FileSignals.hash(paths, signals, !noProgress, spec, result -> {
                if (result.status() == FileHashes.Status.FAILED) {
                    failures.add(result);
                    return;
                }
                if (!result.ok()) {
                    failures.add(result);
                }
                for (Signal signal : result.signals().values()) {
                    NewEntry entry = new NewEntry(signal, new LinkedHashSet<>(labels), Optional.of(result.path()),
                            Optional.empty(), confidence == null ? OptionalDouble.empty() : OptionalDouble.of(confidence),
                            expiry);
                    entries.add(entry);
                    if (robust && signal.type().equals("pdq")) {
                        List<NewEntry> robustEntries = io.takedown.banks.RobustEntries.of(entry,
                                FileSignals.robustVariants(result, true, decoder, robustHashing));
                        entries.addAll(robustEntries);
                        variants[0] += robustEntries.size();
                    }
                }
            });
            BankStore.AddResult result = store.add(name, entries, root().actor());
            out().printf("added %d entries to %s (%d already present)%s%n", result.added().size(), name,
                    result.alreadyPresent().size(), robust ? ", " + variants[0] + " of them robust PDQ variants" : "");
            for (FileHashes failure : failures) {
                err().printf("takedown: %s: %s%n", failure.path(), failure.error().orElse(failure.status().label()));
            }
            out().flush();
            err().flush();
            return failures.isEmpty() ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
        }
    }

    @Command(name = "remove", description = "Remove (tombstone) an entry; it stays in the history.")
    static final class Remove extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "ENTRY-ID")
        long entryId;
        @Option(names = "--reason", required = true)
        String reason;

        @Override
        int run(BankStore store) {
            store.remove(name, entryId, root().actor(), reason);
            out().printf("removed entry %d from %s%n", entryId, name);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "label", description = "Add or remove labels of an entry.")
    static final class Label extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "ENTRY-ID")
        long entryId;
        @Option(names = "--add", paramLabel = "LABEL")
        List<String> add = new ArrayList<>();
        @Option(names = "--remove", paramLabel = "LABEL")
        List<String> remove = new ArrayList<>();

        @Override
        int run(BankStore store) {
            BankEntry entry = store.label(name, entryId, Set.copyOf(add), Set.copyOf(remove), root().actor());
            out().printf("entry %d labels: %s%n", entry.id(), String.join(", ", entry.labels()));
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "release", description = "Release an entry from quarantine after review.")
    static final class Release extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "ENTRY-ID")
        long entryId;

        @Override
        int run(BankStore store) {
            store.release(name, entryId, root().actor());
            out().printf("released entry %d of %s%n", entryId, name);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a bank's entries (or its history).")
    static final class Show extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--all", description = "Include removed entries.")
        boolean all;
        @Option(names = "--history", description = "Show the bank's change history instead.")
        boolean history;
        @Option(names = "--format", defaultValue = "table", converter = HashCommand.FormatConverter.class)
        OutputFormat format;

        @Override
        int run(BankStore store) {
            if (history) {
                try (RowWriter writer = format.open(out(), List.of("event", "at", "actor", "kind", "entry_id", "detail"))) {
                    for (BankStore.BankEvent event : store.history(name)) {
                        writer.row(java.util.Arrays.asList(event.id(), event.at().toString(), event.actor(), event.kind(),
                                event.entryId(), event.detail()));
                    }
                }
                return ExitCodes.OK;
            }
            try (RowWriter writer = format.open(out(), List.of("entry_id", "signal_type", "value", "quality", "labels",
                    "state", "source_ref", "source_bank", "added_by", "added_at", "confidence", "expires_at"))) {
                for (BankEntry entry : store.entries(name, all)) {
                    writer.row(java.util.Arrays.asList(entry.id(), entry.signal().type(), entry.signal().value(),
                            entry.signal().quality().isPresent() ? entry.signal().quality().getAsInt() : null,
                            String.join(";", entry.labels()), entry.state().label(),
                            entry.provenance().sourceRef().orElse(null), entry.provenance().sourceBank().orElse(null),
                            entry.provenance().addedBy(), entry.provenance().addedAt().toString(),
                            entry.confidence().isPresent() ? entry.confidence().getAsDouble() : null,
                            entry.expiresAt().map(Instant::toString).orElse(null)));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Export a bank's active entries: hex, te (python-threatexchange), "
            + "hma (JSON lines) or gifct (CSV).")
    static final class Export extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--format", required = true, paramLabel = "FORMAT")
        String format;
        @Option(names = "--signal", defaultValue = "pdq", description = "For hex: the signal type written (default pdq).")
        String signal;
        @Option(names = "--output", paramLabel = "FILE", description = "Default: standard output.")
        Path output;

        @Override
        int run(BankStore store) throws IOException {
            ExchangeFormat exchange = ExchangeFormat.parse(format);
            List<BankEntry> entries = store.entries(name, false).stream().filter(e -> e.state().matches()).toList();
            int written;
            if (output == null) {
                written = ExchangeWriter.write(exchange, entries, signal, out());
            } else {
                try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    written = ExchangeWriter.write(exchange, entries, signal, writer);
                }
            }
            err().printf("exported %d entries of %s as %s%n", written, name, exchange.name().toLowerCase());
            err().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = {"Import entries from exchange files, streamed in chunks of one "
            + "transaction each; bad rows are reported with their line numbers and skipped, good rows are kept.",
        "The matching index catches up and saves its snapshot at the end. Rerunning an interrupted import adds "
            + "what is missing."})
    static final class Import extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE")
        List<Path> files;
        @Option(names = "--format", required = true, paramLabel = "FORMAT")
        String format;
        @Option(names = "--signal", defaultValue = "pdq", description = "Type of bare values (hex, te) (default pdq).")
        String signal;
        @Option(names = "--no-progress")
        boolean noProgress;

        @Override
        int run(Takedown workspace) {
            ExchangeFormat exchange = ExchangeFormat.parse(format);
            try (Progress progress = Progress.bytes("import", files.stream().mapToLong(BankCommand::size).sum(),
                    !noProgress)) {
                long[] done = {0, 0}; // bytes of finished files, current file's bytes
                BankImport.Result result = workspace.bankImport().importFiles(name, files, exchange, signal,
                        root().actor(), new BankImport.Listener() {
                            @Override
                            public void progress(Path file, long bytes, long totalBytes, long rows) {
                                if (bytes == totalBytes) {
                                    done[0] += totalBytes;
                                    done[1] = 0;
                                } else {
                                    done[1] = bytes;
                                }
                                progress.rows(done[0] + done[1], rows);
                            }

                            @Override
                            public void badRow(Path file, ImportReport.RowError error) {
                                err().printf("takedown: %s:%d: %s%n", file, error.line(), error.message());
                            }

                            @Override
                            public void indexing() {
                                progress.message("indexing");
                            }
                        });
                progress.close();
                for (BankImport.FileResult file : result.files()) {
                    out().printf("%s: imported %d entries (%d already present, %d bad rows skipped)%n", file.file(),
                            file.added(), file.alreadyPresent(), file.badRows());
                }
                err().printf("takedown: %,d entries in %.1f s (%,.0f rows/s); index at version %d%n",
                        result.added() + result.alreadyPresent(), result.took().toMillis() / 1000.0,
                        (result.added() + result.alreadyPresent()) / Math.max(0.001, result.took().toMillis() / 1000.0),
                        result.indexVersion());
                out().flush();
                err().flush();
                return result.badRows() == 0 ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
            }
        }
    }

    @Command(name = "index", description = {"Show the matching index: entries per signal, the store version it "
            + "reflects, its snapshot.", "--refresh catches up with the store now and saves the snapshot; --rebuild "
            + "builds it from the store again (a repair, never needed in normal operation)."})
    static final class Index extends Sub {
        @Option(names = "--refresh", description = "Catch up now and write the snapshot.")
        boolean refresh;
        @Option(names = "--rebuild", description = "Build the index from the store again and write the snapshot.")
        boolean rebuild;
        @Option(names = "--format", defaultValue = "table", converter = HashCommand.FormatConverter.class)
        OutputFormat format;

        @Override
        int run(Takedown workspace) {
            MatchService matching = workspace.matching();
            if (rebuild) {
                matching.rebuild();
            } else if (refresh) {
                matching.refresh();
                matching.checkpoint();
            }
            IndexStatus status = matching.status();
            try (RowWriter writer = format.open(out(), List.of("property", "value"))) {
                writer.row(List.of("version", status.version()));
                writer.row(List.of("updated_at", status.updatedAt().toString()));
                writer.row(List.of("checked_at", status.checkedAt().toString()));
                status.signals().forEach((type, size) -> writer.row(List.of("entries." + type, size)));
                writer.row(List.of("snapshot.file", status.snapshot().file().toString()));
                writer.row(List.of("snapshot.version", status.snapshot().version()));
                writer.row(java.util.Arrays.asList("snapshot.written_at",
                        status.snapshot().writtenAt().map(Instant::toString).orElse(null)));
                writer.row(List.of("snapshot.bytes", status.snapshot().bytes()));
                writer.row(List.of("snapshot.changes_since", status.snapshot().changesSince()));
                writer.row(List.of("opened", status.opened()));
                writer.row(java.util.Arrays.asList("problem", status.problem().orElse(null)));
            }
            return ExitCodes.OK;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // the import reports the missing file
        }
    }

    static Optional<Instant> parseInstant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, "'" + text + "' is not an instant like 2027-06-01T00:00:00Z");
        }
    }
}
