package io.takedown.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.TakedownException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    void open_schemaAlreadyCurrent_skipsFlyway_andAgreesWithFlywaysChecksums() {
        for (TestDatabases.Target target : TestDatabases.fresh(directory)) {
            try (Database database = target.open()) {
                assertThat(database.skippedFlyway()).as(target.name() + ": a new database is migrated").isFalse();
                Map<String, Integer> recorded = database.inTransaction(c -> {
                    Map<String, Integer> rows = new HashMap<>();
                    try (ResultSet r = c.prepareStatement("SELECT version, checksum FROM flyway_schema_history "
                            + "WHERE version IS NOT NULL").executeQuery()) {
                        while (r.next()) {
                            rows.put(r.getString(1), r.getInt(2));
                        }
                    }
                    return rows;
                });
                Map<String, Integer> carried = new HashMap<>();
                Migrations.carried(Database.class.getClassLoader()).orElseThrow()
                        .forEach(s -> carried.put(s.version(), s.checksum()));
                assertThat(carried).as(target.name() + ": our checksums are Flyway's").isEqualTo(recorded);
            }
            try (Database again = target.open()) {
                assertThat(again.skippedFlyway()).as(target.name() + ": nothing to migrate, Flyway not started").isTrue();
                int one = again.inTransaction(c -> 1);
                assertThat(one).isEqualTo(1);
            }
        }
    }

    @Test
    void open_newMigrationInTheBuild_isApplied_andAnOlderBuildRefusesTheSchema() throws Exception {
        Path extra = directory.resolve("extra");
        Files.createDirectories(extra.resolve("db/migration"));
        Files.writeString(extra.resolve("db/migration/V9999_1__test_extra.sql"), "CREATE TABLE test_extra (id INTEGER);\n");
        try (URLClassLoader newer = new URLClassLoader(new URL[] {extra.toUri().toURL()}, Database.class.getClassLoader())) {
            for (TestDatabases.Target target : TestDatabases.fresh(directory)) {
                try (Database older = target.open()) {
                    assertThat(older.skippedFlyway()).isFalse();
                }
                try (Database database = Database.open(target.url(), newer)) {
                    assertThat(database.skippedFlyway()).as(target.name() + ": the new migration runs").isFalse();
                    boolean read = database.inTransaction(c -> c.prepareStatement("SELECT COUNT(*) FROM test_extra")
                            .executeQuery().next());
                    assertThat(read).isTrue();
                }
                try (Database database = Database.open(target.url(), newer)) {
                    assertThat(database.skippedFlyway()).as(target.name()).isTrue();
                }
                assertThatThrownBy(target::open).as(target.name() + ": a build without V9999.1")
                        .isInstanceOf(TakedownException.class)
                        .hasMessageContaining("newer Takedown").hasMessageContaining("V9999_1__test_extra.sql");
            }
        }
    }

    @Test
    void postgresql_transactionsReuseAPooledConnection() {
        for (TestDatabases.Target target : TestDatabases.fresh(directory)) {
            if (!target.name().equals("postgresql")) {
                continue;
            }
            try (Database database = target.open()) {
                List<Integer> backends = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    backends.add(database.inTransaction(c -> {
                        try (ResultSet r = c.prepareStatement("SELECT pg_backend_pid()").executeQuery()) {
                            r.next();
                            return r.getInt(1);
                        }
                    }));
                }
                assertThat(backends).as("one server process served every transaction").containsOnly(backends.getFirst());
            }
        }
    }

    @Test
    void migrationScripts_nameAndChecksum() throws Exception {
        byte[] lf = "\uFEFFCREATE TABLE a (x INTEGER);\nSELECT 1;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] crlf = "CREATE TABLE a (x INTEGER);\r\nSELECT 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Migrations.checksum(new java.io.ByteArrayInputStream(lf)))
                .as("line endings and a BOM do not count").isEqualTo(Migrations.checksum(new java.io.ByteArrayInputStream(crlf)));
        assertThat(Migrations.script("V4_1__x.sql", java.io.InputStream.nullInputStream()).orElseThrow().version())
                .isEqualTo("4.1");
        assertThat(Migrations.normalised("04.1.0")).isEqualTo("4.1");
        assertThat(Migrations.script("R__view.sql", java.io.InputStream.nullInputStream())).isEmpty();
        assertThat(Migrations.script("afterMigrate.sql", java.io.InputStream.nullInputStream())).isEmpty();
    }

    @Test
    void timestampsAreFixedWidthAndOrdered() {
        String a = Timestamps.format(Instant.parse("2026-11-29T10:00:00Z"));
        String b = Timestamps.format(Instant.parse("2026-11-29T10:00:00.5Z"));
        assertThat(a).hasSize(b.length()).isLessThan(b).isEqualTo("2026-11-29T10:00:00.000000Z");
        assertThat(Timestamps.parse(b)).isEqualTo(Instant.parse("2026-11-29T10:00:00.5Z"));
    }
}
