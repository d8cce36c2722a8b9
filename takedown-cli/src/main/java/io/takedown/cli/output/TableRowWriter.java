package io.takedown.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns for reading on a terminal; values over {@value #MAX_WIDTH} characters are shortened. */
final class TableRowWriter implements RowWriter {

    static final int MAX_WIDTH = 64;

    private final PrintWriter out;
    private final List<List<String>> rows = new ArrayList<>();

    TableRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void header(List<String> columns) {
        rows.add(List.copyOf(columns));
    }

    @Override
    public void row(List<?> values) {
        List<String> cells = new ArrayList<>(values.size());
        for (Object value : values) {
            String text = value == null ? "-" : value.toString().replace('\n', ' ').replace('\r', ' ');
            cells.add(text.length() > MAX_WIDTH ? text.substring(0, MAX_WIDTH - 1) + "…" : text);
        }
        rows.add(cells);
    }

    @Override
    public void close() {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = i < row.size() ? row.get(i) : "";
                line.append(cell);
                if (i < columns - 1) {
                    line.repeat(' ', widths[i] - cell.length() + 2);
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
