package io.takedown.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table, printed as it is pasted into docs/benchmarks.md. */
final class BenchTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    BenchTable(String... header) {
        this.header = List.of(header);
    }

    void row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    static String fmt(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
    }
}
