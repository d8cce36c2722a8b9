package io.takedown.banks.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.banks.Labels;
import io.takedown.banks.NewEntry;
import io.takedown.core.InvalidInputException;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.SignalType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/** Reads the exchange formats into new bank entries. */
public final class ExchangeReader {

    /** Lines longer than this are refused: no signal is that long, a hostile file might be. */
    static final int MAX_LINE = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignalRegistry signals;

    public ExchangeReader(SignalRegistry signals) {
        this.signals = signals;
    }

    /** Receives what a file yields, row by row, as it is read. */
    public interface Sink {
        /** A good row's entry; a row may hold several (an HMA line with several signals). */
        void entry(int line, NewEntry entry);

        void error(ImportReport.RowError error);
    }

    /**
     * Reads the whole file into a report; for large files use {@link #stream}, which holds one row at a time.
     *
     * @param defaultSignalType the type of bare values (HEX, and TE lines without a type)
     * @param sourceName names the file in each entry's provenance
     */
    public ImportReport read(ExchangeFormat format, Reader input, String defaultSignalType, String sourceName) {
        List<NewEntry> entries = new ArrayList<>();
        List<ImportReport.RowError> errors = new ArrayList<>();
        stream(format, input, defaultSignalType, sourceName, new Sink() {
            @Override
            public void entry(int line, NewEntry entry) {
                entries.add(entry);
            }

            @Override
            public void error(ImportReport.RowError error) {
                errors.add(error);
            }
        });
        return new ImportReport(entries, errors);
    }

    /**
     * Reads the file line by line and hands each good row to {@code sink} as an entry and each bad one as an
     * error with its line number; nothing is kept.
     */
    public void stream(ExchangeFormat format, Reader input, String defaultSignalType, String sourceName, Sink sink) {
        BufferedReader reader = input instanceof BufferedReader buffered ? buffered : new BufferedReader(input, 1 << 16);
        int lineNumber = 0;
        boolean header = format == ExchangeFormat.GIFCT;
        GifctColumns columns = GifctColumns.DEFAULT;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.length() > MAX_LINE) {
                    sink.error(new ImportReport.RowError(lineNumber, "line longer than " + MAX_LINE + " characters"));
                    continue;
                }
                if (line.indexOf('\uFFFD') >= 0) {
                    // Decoded with replacement (see BankImport): the bytes of this line were not UTF-8.
                    sink.error(new ImportReport.RowError(lineNumber, "not UTF-8 text"));
                    continue;
                }
                String trimmed = line.strip();
                if (lineNumber == 1 && trimmed.startsWith("\uFEFF")) {
                    trimmed = trimmed.substring(1);
                }
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    if (trimmed.toLowerCase(java.util.Locale.ROOT).contains("hash_type")) {
                        try {
                            columns = GifctColumns.of(Csv.split(trimmed));
                        } catch (InvalidInputException e) {
                            sink.error(new ImportReport.RowError(lineNumber, e.reason()));
                        }
                        continue;
                    }
                }
                try {
                    for (NewEntry entry : parse(format, trimmed, defaultSignalType, sourceName, lineNumber, columns)) {
                        sink.entry(lineNumber, entry);
                    }
                } catch (InvalidInputException e) {
                    sink.error(new ImportReport.RowError(lineNumber, e.reason()));
                } catch (RuntimeException e) {
                    sink.error(new ImportReport.RowError(lineNumber, "unreadable row: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName, e);
        }
    }

    /** Where the GIFCT columns are: named by the header when there is one, else hash_type,hash,labels,quality. */
    private record GifctColumns(int type, int hash, int labels, int quality) {
        static final GifctColumns DEFAULT = new GifctColumns(0, 1, 2, 3);

        static GifctColumns of(List<String> header) {
            List<String> names = header.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
            int type = names.indexOf("hash_type");
            int hash = names.indexOf("hash");
            if (type < 0 || hash < 0) {
                throw new InvalidInputException(null, "header must name hash_type and hash columns, got " + header);
            }
            return new GifctColumns(type, hash, names.indexOf("labels"), names.indexOf("quality"));
        }

        String get(List<String> fields, int index) {
            return index >= 0 && index < fields.size() ? fields.get(index) : "";
        }
    }

    private List<NewEntry> parse(ExchangeFormat format, String line, String defaultType, String source, int lineNumber,
                                 GifctColumns columns) {
        String reference = source + ":" + lineNumber;
        return switch (format) {
            case HEX -> List.of(entry(defaultType, line, OptionalInt.empty(), Set.of(), reference, source,
                    OptionalDouble.empty(), Optional.empty()));
            case TE -> {
                String[] parts = line.split("\\s+", 2);
                String type = parts.length == 2 ? SignalNames.fromExchange(parts[0]) : defaultType;
                String value = parts.length == 2 ? parts[1] : parts[0];
                yield List.of(entry(type, value, OptionalInt.empty(), Set.of(), reference, source, OptionalDouble.empty(),
                        Optional.empty()));
            }
            case GIFCT -> {
                List<String> fields = Csv.split(line);
                if (fields.size() <= Math.max(columns.type(), columns.hash())) {
                    throw new InvalidInputException(null, "expected hash_type,hash[,labels][,quality], got "
                            + fields.size() + " field(s)");
                }
                Set<String> labels = new LinkedHashSet<>();
                String labelField = columns.get(fields, columns.labels());
                if (!labelField.isBlank()) {
                    for (String label : labelField.split(";")) {
                        if (!label.isBlank()) {
                            labels.add(label.strip());
                        }
                    }
                }
                yield List.of(entry(SignalNames.fromExchange(fields.get(columns.type())), fields.get(columns.hash()),
                        quality(columns.get(fields, columns.quality())), labels, reference, source,
                        OptionalDouble.empty(), Optional.empty()));
            }
            case HMA -> parseHma(line, reference, source);
        };
    }

    private List<NewEntry> parseHma(String line, String reference, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(null, "not JSON: " + e.getOriginalMessage());
        }
        JsonNode signalsNode = node.path("signals");
        if (!signalsNode.isObject() || signalsNode.isEmpty()) {
            throw new InvalidInputException(null, "no \"signals\" object");
        }
        JsonNode metadata = node.path("metadata");
        Set<String> labels = new LinkedHashSet<>();
        metadata.path("labels").forEach(label -> labels.add(label.asText()));
        OptionalDouble confidence = metadata.hasNonNull("confidence")
                ? OptionalDouble.of(metadata.get("confidence").asDouble()) : OptionalDouble.empty();
        Optional<Instant> expires = Optional.empty();
        if (metadata.hasNonNull("expires_at")) {
            try {
                expires = Optional.of(Instant.parse(metadata.get("expires_at").asText()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInputException(null, "expires_at is not an ISO-8601 instant");
            }
        }
        String ref = node.hasNonNull("note") ? node.get("note").asText()
                : metadata.hasNonNull("source_ref") ? metadata.get("source_ref").asText() : reference;
        String sourceBank = metadata.hasNonNull("source_bank") ? metadata.get("source_bank").asText() : source;
        JsonNode qualities = metadata.path("quality");
        List<NewEntry> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = signalsNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode quality = qualities.path(field.getKey());
            out.add(entry(SignalNames.fromExchange(field.getKey()), field.getValue().asText(),
                    quality.isMissingNode() || quality.isNull() ? OptionalInt.empty() : quality(quality.asText()),
                    labels, ref, sourceBank, confidence, expires));
        }
        return out;
    }

    /** A quality field: empty when blank, else 0..100. */
    private static OptionalInt quality(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return OptionalInt.empty();
        }
        int quality;
        try {
            quality = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(null, "quality '" + trimmed + "' is not a whole number 0..100");
        }
        if (quality < 0 || quality > 100) {
            throw new InvalidInputException(null, "quality must be 0..100, got " + quality);
        }
        return OptionalInt.of(quality);
    }

    private NewEntry entry(String type, String value, OptionalInt quality, Set<String> labels, String reference,
                           String sourceBank, OptionalDouble confidence, Optional<Instant> expires) {
        SignalType signalType = signals.find(type).orElseThrow(() -> new InvalidInputException(null,
                "unknown signal type '" + type + "'"));
        String canonical = signalType.validate(value);
        Set<String> canonicalLabels = labels.isEmpty() ? Set.of() : new LinkedHashSet<>();
        for (String label : labels) {
            canonicalLabels.add(Labels.canonical(label));
        }
        return new NewEntry(new Signal(type, canonical, quality), canonicalLabels, Optional.of(reference),
                Optional.of(sourceBank), confidence, expires);
    }
}
