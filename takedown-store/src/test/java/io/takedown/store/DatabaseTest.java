package io.takedown.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.TakedownException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path directory;

    @Test
    void migratesBothDialects_andRollsBackFailedTransactions() {
        for (TestDatabases.Target target : TestDatabases.fresh(directory)) {
            try (Database database = target.open()) {
                database.inTransaction(c -> {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO bank (name, negative, version, "
                            + "created_at, created_by) VALUES ('kept', 0, 0, ?, 't')")) {
                        insert.setString(1, Timestamps.format(Instant.now()));
                        return insert.executeUpdate();
                    }
                });
                assertThatThrownBy(() -> database.inTransaction(c -> {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO bank (name, negative, version, "
                            + "created_at, created_by) VALUES ('lost', 0, 0, 'x', 't')")) {
                        insert.executeUpdate();
                    }
                    throw new IllegalStateException("boom");
                })).hasMessage("boom");
                assertThatThrownBy(() -> database.inTransaction(c -> c.prepareStatement("SELECT nope FROM nowhere")
                        .executeQuery())).isInstanceOf(TakedownException.class);
                int count = database.inTransaction(c -> {
                    try (ResultSet rows = c.prepareStatement("SELECT COUNT(*) FROM bank").executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
                assertThat(count).as(target.name()).isEqualTo(1);
            }
        }
    }

    @Test
    void inTransaction_insideATransaction_isRefusedAndTheOuterOneRollsBack() {
        for (TestDatabases.Target target : TestDatabases.fresh(directory)) {
            try (Database database = target.open()) {
                assertThatThrownBy(() -> database.inTransaction(outer -> {
                    try (PreparedStatement insert = outer.prepareStatement("INSERT INTO bank (name, negative, version, "
                            + "created_at, created_by) VALUES ('outer', 0, 0, 'x', 't')")) {
                        insert.executeUpdate();
                    }
                    return database.inTransaction(inner -> 1);
                })).as(target.name()).isInstanceOf(Database.NestedTransactionException.class);
                int count = database.inTransaction(c -> {
                    try (ResultSet rows = c.prepareStatement("SELECT COUNT(*) FROM bank").executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
                assertThat(count).as("the outer work was not committed early").isZero();
                int after = database.inTransaction(c -> 7);
                assertThat(after).as("usable afterwards").isEqualTo(7);
            }
        }
    }

    @Test
    void timestampsAreFixedWidthAndOrdered() {
        String a = Timestamps.format(Instant.parse("2026-11-29T10:00:00Z"));
        String b = Timestamps.format(Instant.parse("2026-11-29T10:00:00.5Z"));
        assertThat(a).hasSize(b.length()).isLessThan(b).isEqualTo("2026-11-29T10:00:00.000000Z");
        assertThat(Timestamps.parse(b)).isEqualTo(Instant.parse("2026-11-29T10:00:00.5Z"));
    }
}
