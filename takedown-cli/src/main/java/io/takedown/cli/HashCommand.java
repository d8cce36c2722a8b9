package io.takedown.cli;

import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.signals.ImageHasher;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import io.takedown.signals.TextHasher;
import io.takedown.signals.hashing.FileHasher;
import io.takedown.signals.hashing.FileHashes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code takedown hash PATH...}: one row of signals per file, folders walked recursively. */
@Command(name = "hash", description = {
    "Hash files and folders, recursively.",
    "MD5 and SHA-256 of every file, PDQ of images, vPDQ of videos (with FFmpeg), a text fingerprint",
    "and language of plain text; video_md5 (HMA's name for a video's MD5) when asked for.",
    "One row per file, in path order; a file that fails gets a row with status 'failed' or",
    "'partial' and the reason, and the rest continue.",
    "Exit code 0 when every file hashed, 1 when some failed."})
final class HashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to hash.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "csv, jsonl or table (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--signals", split = ",", paramLabel = "NAME",
            description = "Signals to compute, comma-separated (default: md5,sha256,pdq,text,vpdq; also video_md5).")
    List<String> signalNames;

    @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: all cores).")
    Integer threads;

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        List<SignalType> types = FileSignals.types(signalNames, spec);
        FileHasher hasher = FileSignals.hasher(types);
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        List<String> columns = columns(types);
        PrintWriter out = spec.commandLine().getOut();
        AtomicInteger failures = new AtomicInteger();
        int files;
        try (RowWriter writer = format.open(out, columns)) {
            files = FileSignals.hash(paths, hasher, threadCount, !noProgress, result -> {
                if (!result.ok()) {
                    failures.incrementAndGet();
                }
                writer.row(row(result, types));
            });
        }
        if (failures.get() > 0) {
            spec.commandLine().getErr().printf("takedown: %d of %d files could not be fully hashed (see status and error columns)%n",
                    failures.get(), files);
            spec.commandLine().getErr().flush();
            return ExitCodes.SOME_INPUTS_FAILED;
        }
        return ExitCodes.OK;
    }

    static List<String> columns(List<SignalType> types) {
        List<String> columns = new ArrayList<>(List.of("path", "media_type", "size"));
        for (SignalType type : types) {
            columns.add(type.name());
            if (type instanceof ImageHasher) {
                columns.add(type.name() + "_quality");
            }
        }
        if (types.stream().anyMatch(TextHasher.class::isInstance)) {
            columns.add("language");
        }
        columns.addAll(List.of("status", "error"));
        return columns;
    }

    static List<Object> row(FileHashes result, List<SignalType> types) {
        List<Object> row = new ArrayList<>();
        row.add(result.path());
        row.add(result.mediaType().isEmpty() ? null : result.mediaType());
        row.add(result.size() < 0 ? null : result.size());
        for (SignalType type : types) {
            Signal signal = result.signals().get(type.name());
            row.add(signal == null ? null : signal.value());
            if (type instanceof ImageHasher) {
                row.add(signal == null || signal.quality().isEmpty() ? null : signal.quality().getAsInt());
            }
        }
        if (types.stream().anyMatch(TextHasher.class::isInstance)) {
            row.add(result.language().orElse(null));
        }
        row.add(result.status().label());
        row.add(result.error().orElse(null));
        return row;
    }

    /** Case-insensitive format names with a helpful error. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of csv, jsonl, table");
            }
        }
    }
}
