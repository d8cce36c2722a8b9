package io.takedown.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The databases a storage test runs against: embedded SQLite always, PostgreSQL too when
 * {@code TAKEDOWN_TEST_POSTGRES_URL} (or {@code -Dtakedown.test.postgres}) names one; {@code .ci/run}
 * installs and starts it. Each call hands out an empty schema.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A database to test against, described for test names. */
    public record Target(String name, String url) {
        @Override
        public String toString() {
            return name;
        }

        public Database open() {
            return Database.open(url);
        }
    }

    public static String postgresUrl() {
        String url = System.getProperty("takedown.test.postgres", System.getenv("TAKEDOWN_TEST_POSTGRES_URL"));
        return url == null || url.isBlank() ? null : url;
    }

    /** Fresh targets: a new SQLite file under {@code directory}, and a wiped PostgreSQL schema if configured. */
    public static List<Target> fresh(Path directory) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("sqlite", "jdbc:sqlite:" + directory.resolve("test-" + System.nanoTime() + ".db")));
        String postgres = postgresUrl();
        if (postgres != null) {
            wipe(postgres);
            targets.add(new Target("postgresql", postgres));
        }
        return targets;
    }

    private static void wipe(String url) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the PostgreSQL test database: " + e.getMessage(), e);
        }
    }
}
