package io.takedown.audit.backup;

import io.takedown.audit.AuditLog;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.LogFiles;
import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Note;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.Dialect;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Online backup and verified restore. A backup is a directory: the database ({@code takedown.db} made by
 * SQLite's {@code VACUUM INTO}, a consistent copy taken while Takedown runs, or {@code takedown.pgdump} from
 * {@code pg_dump}), the log's copy outside the database ({@code log/}), the public keys, and
 * {@code checkpoint}: the signed checkpoint taken just before the copy. Restore checks, before anything is
 * replaced, that the restored log verifies and extends that checkpoint; it never restores a private key
 * (none is in a backup).
 */
public final class Backups {

    private final String jdbcUrl;
    private final Path home;
    private final Supplier<List<PublicKey>> logKeys;
    private final Clock clock;

    /**
     * @param jdbcUrl the database in use ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql:...})
     * @param home    the data directory ({@code log/}, {@code keys/})
     */
    public Backups(String jdbcUrl, Path home, Supplier<List<PublicKey>> logKeys, Clock clock) {
        this.jdbcUrl = jdbcUrl;
        this.home = home;
        this.logKeys = logKeys;
        this.clock = clock;
    }

    /** What a backup holds. */
    public record Summary(Path directory, long entries, String origin) {
    }

    public Summary backup(Database database, Path target) {
        try {
            if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, target + " exists and is not empty");
            }
            Files.createDirectories(target);
            Optional<Note> head = AuditLog.head(database);
            if (Dialect.of(jdbcUrl) == Dialect.SQLITE) {
                Path file = target.resolve("takedown.db").toAbsolutePath();
                try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement =
                        connection.createStatement()) {
                    statement.execute("VACUUM INTO '" + file.toString().replace("'", "''") + "'");
                }
            } else {
                run(postgres("pg_dump", "--format=custom", "--no-owner", "--file",
                        target.resolve("takedown.pgdump").toString()));
            }
            copyTree(home.resolve("log"), target.resolve("log"), name -> !name.startsWith("."));
            copyTree(home.resolve("keys"), target.resolve("keys"), name -> name.endsWith(".pub"));
            if (head.isPresent()) {
                Files.writeString(target.resolve("checkpoint"), head.get().format(), StandardCharsets.UTF_8);
            }
            Files.writeString(target.resolve("MANIFEST"), "takedown-backup/v1\ncreated " + clock.instant() + "\n"
                    + "database " + (Dialect.of(jdbcUrl) == Dialect.SQLITE ? "takedown.db" : "takedown.pgdump") + "\n");
            return new Summary(target, head.map(n -> Checkpoint.of(n).size()).orElse(0L),
                    head.map(n -> Checkpoint.of(n).origin()).orElse("-"));
        } catch (IOException | SQLException e) {
            throw new TakedownException(TakedownException.Kind.IO, "backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Restores {@code source} into this data directory's database. Refuses (and changes nothing) when the
     * backup's log does not verify against its checkpoint, and — unless {@code acceptLoss} — when this data
     * directory has published a larger checkpoint than the backup holds (restoring would silently drop entries).
     */
    public Summary restore(Path source, boolean acceptLoss) {
        Note checkpoint = LogFiles.read(source.resolve("checkpoint")).orElseThrow(() -> new TakedownException(
                TakedownException.Kind.INVALID_INPUT, source + " has no checkpoint: not a Takedown backup"));
        Checkpoint expected = Checkpoint.of(checkpoint);
        LogFiles current = new LogFiles(home.resolve("log"));
        Optional<Note> published = current.checkpoint();
        if (published.isPresent() && Checkpoint.of(published.get()).size() > expected.size() && !acceptLoss) {
            throw new TakedownException(TakedownException.Kind.CONFLICT, "this data directory has published the log at "
                    + Checkpoint.of(published.get()).size() + " entries, the backup holds " + expected.size()
                    + ": restoring loses the entries after it (the witness will see that); pass --accept-loss");
        }
        List<PublicKey> keys = new ArrayList<>(logKeys.get());
        keys.addAll(backupKeys(source));
        try {
            if (Dialect.of(jdbcUrl) == Dialect.SQLITE) {
                Path live = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
                Path staging = live.resolveSibling(live.getFileName() + ".restoring");
                Files.copy(source.resolve("takedown.db"), staging, StandardCopyOption.REPLACE_EXISTING);
                verifyOrThrow("jdbc:sqlite:" + staging, keys, checkpoint, () -> deleteQuietly(staging));
                if (Files.exists(live)) {
                    Files.move(live, live.resolveSibling(live.getFileName() + ".before-restore-"
                            + clock.instant().toEpochMilli()));
                }
                Files.deleteIfExists(live.resolveSibling(live.getFileName() + "-wal"));
                Files.deleteIfExists(live.resolveSibling(live.getFileName() + "-shm"));
                Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
            } else {
                run(postgres("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                        "--dbname", postgresDatabase(), source.resolve("takedown.pgdump").toString()));
                verifyOrThrow(jdbcUrl, keys, checkpoint, () -> { });
            }
            if (acceptLoss || published.isEmpty()) {
                Path log = home.resolve("log");
                if (Files.exists(log)) {
                    Files.move(log, home.resolve("log.before-restore-" + clock.instant().toEpochMilli()));
                }
                copyTree(source.resolve("log"), log, name -> true);
            }
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "restore from " + source + " failed: " + e.getMessage(), e);
        }
        return new Summary(source, expected.size(), expected.origin());
    }

    private static void verifyOrThrow(String url, List<PublicKey> keys, Note checkpoint, Runnable onFailure) {
        AuditVerifier.Report report;
        try (Database restored = Database.open(url)) {
            report = AuditVerifier.verify(restored, new AuditVerifier.Trust(keys, List.of(), 0, List.of(checkpoint),
                    Optional.empty()));
        }
        if (!report.intact()) {
            onFailure.run();
            throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "the backup's audit log does not verify "
                    + "against its checkpoint; nothing was restored: " + report.problems());
        }
    }

    private static List<PublicKey> backupKeys(Path source) {
        List<PublicKey> keys = new ArrayList<>();
        Path dir = source.resolve("keys");
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pub")).toList()) {
                keys.add(java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                        new java.security.spec.X509EncodedKeySpec(Files.readAllBytes(file))));
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "unreadable public key in " + dir, e);
        }
        return keys;
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<String> include) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (var files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!include.test(file.getFileName().toString()) || file.getFileName().toString().endsWith(".tmp")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // leaving a staging file behind is harmless
        }
    }

    /** The PostgreSQL client tools with host, port, user and password from the JDBC URL (password via env). */
    private ProcessBuilder postgres(String tool, String... args) {
        Map<String, String> query = query();
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(tool, "--host", uri.getHost() == null ? "127.0.0.1" : uri.getHost(),
                "--port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort())));
        if (query.containsKey("user")) {
            command.addAll(List.of("--username", query.get("user")));
        }
        command.addAll(List.of(args));
        if (tool.equals("pg_dump")) {
            command.add(postgresDatabase());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (query.containsKey("password")) {
            builder.environment().put("PGPASSWORD", query.get("password"));
        }
        return builder;
    }

    private String postgresDatabase() {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private Map<String, String> query() {
        Map<String, String> out = new HashMap<>();
        String raw = URI.create(jdbcUrl.substring("jdbc:".length())).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void run(ProcessBuilder builder) throws IOException {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, builder.command().getFirst()
                    + " not found: install the PostgreSQL client tools (Debian: postgresql-client)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new TakedownException(TakedownException.Kind.IO, builder.command().getFirst() + " failed: "
                        + output.replaceAll("(?i)password=[^&\\s]*", "password=***").strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TakedownException(TakedownException.Kind.IO, "interrupted", e);
        }
    }
}
