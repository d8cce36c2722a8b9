package io.takedown.store;

import io.takedown.core.TakedownException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A migrated database and transactions on it.
 *
 * <p>SQLite: one connection, WAL journal, {@code synchronous=FULL} (a committed write survives power
 * loss, which the audit trail and order deadlines rely on), foreign keys on, writers serialised in process,
 * and every transaction begun {@code IMMEDIATE}: it takes the write lock up front (waiting up to the busy
 * timeout for another process), so a transaction that read first never fails with {@code SQLITE_BUSY}
 * when it later upgrades to a write beside another process's writer. Read-only paths that must not wait for
 * writers use {@link #inReadTransaction} ({@code BEGIN DEFERRED}: a WAL snapshot).
 * PostgreSQL: connections from a small pool (HikariCP; opening one costs a SCRAM handshake, about a third of a
 * short CLI call), each transaction on one of them at READ COMMITTED; callers that need more use compare-and-set
 * updates or row locks. Nothing a transaction sets outlives it ({@code SET LOCAL}, {@code ON COMMIT DROP}), so a
 * reused connection carries no state from the last one.
 *
 * <p>Opening checks the schema: when its history holds exactly the migrations this build carries, Flyway is not
 * started at all (see {@link Migrations}); otherwise Flyway migrates and validates. A database migrated by a newer
 * build is refused with a clear error.
 *
 * <p>Transactions do not nest: {@link #inTransaction} called from inside a transaction on the same thread
 * throws {@link NestedTransactionException} instead of committing the outer transaction's work early.
 */
public final class Database implements AutoCloseable {

    /** File name of the embedded database inside the data directory. */
    public static final String EMBEDDED_FILE = "takedown.db";

    private final Dialect dialect;
    private final DataSource dataSource;
    private final String url;
    private final ReentrantLock embeddedLock = new ReentrantLock();
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
    private Connection embedded;
    private boolean lastOpenSkippedFlyway;
    /** Work to do once the transaction running on this thread has committed (see {@link #afterCommit}). */
    private final ThreadLocal<java.util.List<Runnable>> afterCommit = new ThreadLocal<>();

    private Database(Dialect dialect, DataSource dataSource, String url) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.url = url;
    }

    /** The embedded default: {@code DIR/takedown.db}, created and migrated on first use. */
    public static Database embedded(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot create data directory " + directory
                    + ": " + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + directory.resolve(EMBEDDED_FILE).toAbsolutePath());
    }

    /**
     * Opens and migrates {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST/DB?user=..&password=..}.
     */
    public static Database open(String url) {
        return open(url, Database.class.getClassLoader());
    }

    /** {@link #open(String)} with the migrations {@code loader} finds (tests add one this way). */
    static Database open(String url, ClassLoader loader) {
        Dialect dialect = Dialect.of(url);
        DataSource dataSource = switch (dialect) {
            case SQLITE -> {
                SQLiteConfig config = new SQLiteConfig();
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
                config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
                config.enforceForeignKeys(true);
                config.setBusyTimeout(30_000);
                SQLiteDataSource sqlite = new SQLiteDataSource(config);
                sqlite.setUrl(url);
                yield sqlite;
            }
            case POSTGRESQL -> pool(url);
        };
        Database database = new Database(dialect, dataSource, url);
        try {
            database.migrate(loader);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** Most server work is short transactions; more connections than this would only queue inside PostgreSQL. */
    static final int POOL_SIZE = 10;

    private static DataSource pool(String url) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(url);
        HikariConfig config = new HikariConfig();
        config.setDataSource(postgres);
        config.setPoolName("takedown-postgresql");
        config.setMaximumPoolSize(POOL_SIZE);
        // One connection stays open (the one that checked the schema serves the first transaction); the rest
        // are opened on demand and closed after a minute idle.
        config.setMinimumIdle(1);
        config.setIdleTimeout(60_000);
        config.setConnectionTimeout(30_000);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new TakedownException(TakedownException.Kind.IO, "cannot connect to database "
                    + url.replaceAll("(?i)(password=)[^&]*", "$1***") + ": " + cause.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    private void migrate(ClassLoader loader) {
        if (schemaCurrent(loader)) {
            return;
        }
        try {
            Flyway.configure(loader)
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.placeholders())
                    .mixed(true)
                    // Parallel lines of work number their migrations apart (V3 orders, V4 banks, ...) and may land
                    // in any order; each migration touches only its own tables.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot migrate database " + redacted() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether the database already has exactly the migrations this build carries (then Flyway is skipped). */
    private boolean schemaCurrent(ClassLoader loader) {
        java.util.Optional<java.util.List<Migrations.Script>> carried = Migrations.carried(loader);
        if (carried.isEmpty()) {
            return false;
        }
        SqlWork<Migrations.State> check = connection -> Migrations.check(connection, dialect, carried.get(), redacted());
        Migrations.State state;
        if (dialect == Dialect.SQLITE) {
            embeddedLock.lock();
            try {
                state = check.run(embeddedConnection());
            } catch (SQLException e) {
                throw storageError(e);
            } finally {
                embeddedLock.unlock();
            }
        } else {
            try (Connection connection = dataSource.getConnection()) {
                state = check.run(connection);
            } catch (SQLException e) {
                throw storageError(e);
            }
        }
        lastOpenSkippedFlyway = state == Migrations.State.CURRENT;
        return lastOpenSkippedFlyway;
    }

    /** Whether opening found the schema current and did not start Flyway (tests ask). */
    boolean skippedFlyway() {
        return lastOpenSkippedFlyway;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        return transaction(work, "BEGIN IMMEDIATE");
    }

    /**
     * Runs read-only {@code work} in a transaction that takes no write lock up front (SQLite {@code BEGIN
     * DEFERRED}): in WAL mode it reads a snapshot beside another process's writer instead of waiting for it.
     * It must not write; a query path that must never block on writers (matching) reads this way.
     */
    public <T> T inReadTransaction(SqlWork<T> work) {
        return transaction(work, "BEGIN DEFERRED");
    }

    /**
     * Runs {@code hook} after the transaction running on this thread commits, outside it; never if it rolls
     * back. For effects that must follow the data, not precede it (the audit log publishes its checkpoint
     * outside the database this way).
     *
     * @throws IllegalStateException outside a transaction
     */
    public void afterCommit(Runnable hook) {
        java.util.List<Runnable> hooks = afterCommit.get();
        if (hooks == null) {
            throw new IllegalStateException("afterCommit outside a transaction");
        }
        hooks.add(hook);
    }

    private <T> T transaction(SqlWork<T> work, String begin) {
        if (inside.get()) {
            throw new NestedTransactionException();
        }
        java.util.List<Runnable> hooks = new java.util.ArrayList<>();
        T result;
        inside.set(true);
        afterCommit.set(hooks);
        try {
            result = transactionOnce(work, begin);
        } finally {
            inside.remove();
            afterCommit.remove();
        }
        // Outside the transaction and its lock: a hook may run transactions of its own.
        for (Runnable hook : hooks) {
            hook.run();
        }
        return result;
    }

    private <T> T transactionOnce(SqlWork<T> work, String begin) {
        if (dialect == Dialect.SQLITE) {
            embeddedLock.lock();
            try {
                return run(embeddedConnection(), work, begin);
            } finally {
                embeddedLock.unlock();
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            return run(connection, work, begin);
        } catch (SQLException e) {
            throw storageError(e);
        }
    }

    /** Whether the calling thread is inside {@link #inTransaction} (work that must run outside asks). */
    public boolean inTransactionNow() {
        return inside.get();
    }

    /** A transaction was opened inside another on the same thread: a programming error, refused loudly. */
    public static final class NestedTransactionException extends IllegalStateException {
        NestedTransactionException() {
            super("nested transaction refused: the caller already holds one on this thread; pass its "
                    + "Connection instead of opening another (a nested SQLite transaction would commit the outer one)");
        }
    }

    private <T> T run(Connection connection, SqlWork<T> work, String begin) {
        try {
            if (dialect == Dialect.SQLITE) {
                return runExplicit(connection, work, begin);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storageError(e);
        }
    }

    /**
     * SQLite: the driver's own transactions begin DEFERRED and re-open one right after each commit, which
     * would hold the lock between our transactions; so the connection stays in auto-commit and each
     * transaction is an explicit {@code BEGIN IMMEDIATE ... COMMIT}.
     */
    private static <T> T runExplicit(Connection connection, SqlWork<T> work, String begin) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(begin);
        }
        boolean committed = false;
        try {
            T result = work.run(connection);
            try (Statement commit = connection.createStatement()) {
                commit.execute("COMMIT");
            }
            committed = true;
            return result;
        } finally {
            if (!committed) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                } catch (SQLException alreadyEnded) {
                    // SQLite ends some failed transactions by itself; nothing is left to roll back.
                }
            }
        }
    }

    private Connection embeddedConnection() {
        try {
            if (embedded == null || embedded.isClosed()) {
                embedded = dataSource.getConnection();
            }
            return embedded;
        } catch (SQLException e) {
            throw storageError(e);
        }
    }

    private TakedownException storageError(SQLException e) {
        return new TakedownException(TakedownException.Kind.IO, "database error (" + redacted() + "): "
                + e.getMessage(), e);
    }

    /** The URL without credentials, for messages. */
    private String redacted() {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
        embeddedLock.lock();
        try {
            if (embedded != null) {
                embedded.close();
                embedded = null;
            }
        } catch (SQLException e) {
            throw storageError(e);
        } finally {
            embeddedLock.unlock();
        }
    }
}
