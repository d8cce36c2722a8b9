package io.takedown.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JSON object per row, keys in column order. */
final class JsonLinesRowWriter implements RowWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private List<String> columns = List.of();

    JsonLinesRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void header(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public void row(List<?> values) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            object.put(columns.get(i), i < values.size() ? values.get(i) : null);
        }
        try {
            out.println(JSON.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
