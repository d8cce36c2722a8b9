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

    /**
     * @param defaultSignalType the type of bare values (HEX, and TE lines without a type)
     * @param sourceName names the file in each entry's provenance
     */
    public ImportReport read(ExchangeFormat format, Reader input, String defaultSignalType, String sourceName) {
        List<NewEntry> entries = new ArrayList<>();
        List<ImportReport.RowError> errors = new ArrayList<>();
        BufferedReader reader = new BufferedReader(input);
        int lineNumber = 0;
        boolean header = format == ExchangeFormat.GIFCT;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.length() > MAX_LINE) {
                    errors.add(new ImportReport.RowError(lineNumber, "line longer than " + MAX_LINE + " characters"));
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
                    if (trimmed.toLowerCase(java.util.Locale.ROOT).startsWith("hash_type")) {
                        continue;
                    }
                }
                try {
                    entries.addAll(parse(format, trimmed, defaultSignalType, sourceName, lineNumber));
                } catch (InvalidInputException e) {
                    errors.add(new ImportReport.RowError(lineNumber, e.reason()));
                } catch (RuntimeException e) {
                    errors.add(new ImportReport.RowError(lineNumber, "unreadable row: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName, e);
        }
        return new ImportReport(entries, errors);
    }

    private List<NewEntry> parse(ExchangeFormat format, String line, String defaultType, String source, int lineNumber) {
        String reference = source + ":" + lineNumber;
        return switch (format) {
            case HEX -> List.of(entry(defaultType, line, Set.of(), reference, source, OptionalDouble.empty(),
                    Optional.empty()));
            case TE -> {
                String[] parts = line.split("\\s+", 2);
                String type = parts.length == 2 ? SignalNames.fromExchange(parts[0]) : defaultType;
                String value = parts.length == 2 ? parts[1] : parts[0];
                yield List.of(entry(type, value, Set.of(), reference, source, OptionalDouble.empty(), Optional.empty()));
            }
            case GIFCT -> {
                List<String> fields = Csv.split(line);
                if (fields.size() < 2) {
                    throw new InvalidInputException(null, "expected hash_type,hash[,labels], got " + fields.size()
                            + " field(s)");
                }
                Set<String> labels = new LinkedHashSet<>();
                if (fields.size() > 2 && !fields.get(2).isBlank()) {
                    for (String label : fields.get(2).split(";")) {
                        if (!label.isBlank()) {
                            labels.add(label.strip());
                        }
                    }
                }
                yield List.of(entry(SignalNames.fromExchange(fields.get(0)), fields.get(1), labels, reference, source,
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
        List<NewEntry> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = signalsNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.add(entry(SignalNames.fromExchange(field.getKey()), field.getValue().asText(), labels, ref, sourceBank,
                    confidence, expires));
        }
        return out;
    }

    private NewEntry entry(String type, String value, Set<String> labels, String reference, String sourceBank,
                           OptionalDouble confidence, Optional<Instant> expires) {
        SignalType signalType = signals.find(type).orElseThrow(() -> new InvalidInputException(null,
                "unknown signal type '" + type + "'"));
        String canonical = signalType.validate(value);
        Set<String> canonicalLabels = new LinkedHashSet<>();
        for (String label : labels) {
            canonicalLabels.add(Labels.canonical(label));
        }
        return new NewEntry(Signal.of(type, canonical), canonicalLabels, Optional.of(reference),
                Optional.of(sourceBank), confidence, expires);
    }
}
