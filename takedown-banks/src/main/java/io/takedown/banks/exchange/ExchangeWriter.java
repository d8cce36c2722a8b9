package io.takedown.banks.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.banks.BankEntry;
import io.takedown.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** Writes active bank entries in an exchange format; the reader reads back what this writes. */
public final class ExchangeWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExchangeWriter() {
    }

    /**
     * @param signalType for HEX, the one type written (other entries are left out); ignored otherwise
     * @return entries written
     */
    public static int write(ExchangeFormat format, List<BankEntry> entries, String signalType, Writer out) {
        int written = 0;
        try {
            if (format == ExchangeFormat.GIFCT) {
                out.write("hash_type,hash,labels,quality\n");
            }
            for (BankEntry entry : entries) {
                String type = entry.signal().type();
                String value = entry.signal().value();
                switch (format) {
                    case HEX -> {
                        if (!type.equals(signalType)) {
                            continue;
                        }
                        out.write(value + "\n");
                    }
                    case TE -> out.write(SignalNames.toExchange(type) + " " + value + "\n");
                    case GIFCT -> out.write(type.toUpperCase(Locale.ROOT) + "," + Csv.escape(value) + ","
                            + Csv.escape(String.join(";", entry.labels())) + ","
                            + (entry.signal().quality().isPresent() ? entry.signal().quality().getAsInt() : "") + "\n");
                    case HMA -> {
                        ObjectNode node = JSON.createObjectNode();
                        node.putObject("signals").put(SignalNames.toExchange(type), value);
                        entry.provenance().sourceRef().ifPresent(ref -> node.put("note", ref));
                        ObjectNode metadata = node.putObject("metadata");
                        metadata.put("content_id", entry.id());
                        var labels = metadata.putArray("labels");
                        entry.labels().forEach(labels::add);
                        entry.confidence().ifPresent(c -> metadata.put("confidence", c));
                        entry.signal().quality().ifPresent(q -> metadata.putObject("quality")
                                .put(SignalNames.toExchange(type), q));
                        entry.expiresAt().ifPresent(e -> metadata.put("expires_at", e.toString()));
                        metadata.put("source_bank", entry.provenance().sourceBank().orElse(entry.bankName()));
                        metadata.put("added_by", entry.provenance().addedBy());
                        metadata.put("added_at", entry.provenance().addedAt().toString());
                        out.write(JSON.writeValueAsString(node) + "\n");
                    }
                    default -> throw new InvalidInputException(null, "unsupported format " + format);
                }
                written++;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }
}
