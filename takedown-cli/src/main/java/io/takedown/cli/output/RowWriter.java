package io.takedown.cli.output;

import java.util.List;

/**
 * Writes rows of values under fixed columns. Values are strings, numbers or {@code null} (absent).
 * Rows are flushed as they come (except for tables, which need every width first).
 */
public interface RowWriter extends AutoCloseable {

    void header(List<String> columns);

    void row(List<?> values);

    @Override
    void close();
}
