package io.takedown.cli.output;

import java.io.PrintWriter;
import java.util.List;

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; absent is empty. */
final class CsvRowWriter implements RowWriter {

    private final PrintWriter out;

    CsvRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void header(List<String> columns) {
        row(columns);
    }

    @Override
    public void row(List<?> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values.get(i);
            line.append(value == null ? "" : escape(value.toString()));
        }
        out.print(line.append("\r\n"));
        out.flush();
    }

    static String escape(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        out.flush();
    }
}
