package io.takedown.cli.output;

import java.io.PrintWriter;
import java.util.List;

/** How a command prints rows. */
public enum OutputFormat {
    /** RFC 4180 CSV with a header row. */
    CSV,
    /** One JSON object per line, keys in column order; absent values are {@code null}. */
    JSONL,
    /** Aligned columns for a person; long values are shortened. */
    TABLE;

    public RowWriter open(PrintWriter out, List<String> columns) {
        RowWriter writer = switch (this) {
            case CSV -> new CsvRowWriter(out);
            case JSONL -> new JsonLinesRowWriter(out);
            case TABLE -> new TableRowWriter(out);
        };
        writer.header(columns);
        return writer;
    }
}
