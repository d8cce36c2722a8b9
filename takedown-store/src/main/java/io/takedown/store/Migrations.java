package io.takedown.store;

import io.takedown.core.TakedownException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The migrations this build carries, and the cheap check whether a database already has exactly them applied.
 *
 * <p>Flyway on every open costs a classpath scan, its plugin set-up and a validation (about a third of a short
 * CLI call on PostgreSQL). When the schema history holds exactly the carried versioned migrations, each
 * successful and with the same checksum, nothing is left to do and Flyway is not started. Anything else (a new
 * migration, an edited one, a failed one, no history yet, a layout this reader does not know) goes to Flyway,
 * which migrates or reports. The checksum is Flyway's: CRC-32 over the script's lines without their line
 * endings, a leading byte-order mark dropped; {@code DatabaseTest} checks it against what Flyway records, and a
 * difference only sends every open to Flyway, never skips a migration.
 */
final class Migrations {

    /** The classpath folder Flyway reads. */
    static final String LOCATION = "db/migration";
    /** Flyway's default schema history table. */
    static final String HISTORY = "flyway_schema_history";

    /** A versioned migration script: its normalised version, file name and Flyway checksum. */
    record Script(String version, String name, int checksum) {
    }

    /** What an open must do. */
    enum State {
        /** Every carried migration is applied and nothing else: skip Flyway. */
        CURRENT,
        /** Run Flyway (it migrates what is missing and validates the rest). */
        MIGRATE
    }

    private Migrations() {
    }

    /**
     * The versioned migrations under {@link #LOCATION} on the class path; empty when they cannot all be read
     * here (another kind of resource, an unknown class path layout): then Flyway decides.
     */
    static Optional<List<Script>> carried(ClassLoader loader) {
        try {
            List<Script> scripts = new ArrayList<>();
            Enumeration<URL> folders = loader.getResources(LOCATION);
            while (folders.hasMoreElements()) {
                if (!read(folders.nextElement(), scripts)) {
                    return Optional.empty();
                }
            }
            return Optional.of(List.copyOf(scripts));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean read(URL folder, List<Script> into) throws IOException {
        switch (folder.getProtocol()) {
            case "file" -> {
                Path root;
                try {
                    root = Path.of(folder.toURI());
                } catch (URISyntaxException e) {
                    return false;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        Optional<Script> script;
                        try (InputStream in = Files.newInputStream(file)) {
                            script = script(file.getFileName().toString(), in);
                        }
                        if (script.isEmpty()) {
                            return false;
                        }
                        into.add(script.get());
                    }
                }
                return true;
            }
            case "jar" -> {
                String spec = folder.getPath(); // file:/x/takedown-store.jar!/db/migration
                int bang = spec.indexOf("!/");
                if (!spec.startsWith("file:") || bang < 0 || spec.indexOf("!/", bang + 2) >= 0) {
                    return false; // a jar inside a jar: leave it to Flyway
                }
                Path jar;
                try {
                    jar = Path.of(new java.net.URI(spec.substring(0, bang)));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return false;
                }
                try (JarFile file = new JarFile(jar.toFile())) {
                    Enumeration<JarEntry> entries = file.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (entry.isDirectory() || !entry.getName().startsWith(LOCATION + "/")) {
                            continue;
                        }
                        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                        Optional<Script> script;
                        try (InputStream in = file.getInputStream(entry)) {
                            script = script(name, in);
                        }
                        if (script.isEmpty()) {
                            return false;
                        }
                        into.add(script.get());
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** A {@code V<version>__<description>.sql} script; empty for anything else (callbacks, repeatables, Java). */
    static Optional<Script> script(String name, InputStream content) throws IOException {
        int separator = name.indexOf("__");
        if (!name.startsWith("V") || separator < 2 || !name.endsWith(".sql")) {
            return Optional.empty();
        }
        String version = name.substring(1, separator).replace('_', '.');
        if (!version.matches("[0-9]+(\\.[0-9]+)*")) {
            return Optional.empty();
        }
        return Optional.of(new Script(normalised(version), name, checksum(content)));
    }

    /** Flyway's checksum of a script: CRC-32 of its lines' UTF-8 bytes, without line endings or a BOM. */
    static int checksum(InputStream content) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader lines = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 4096);
        String line = lines.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = lines.readLine();
        }
        return (int) crc.getValue();
    }

    /** "4.1.0" and "4.1" are one version to Flyway; so are "04" and "4". */
    static String normalised(String version) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("\\.")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.getLast().signum() == 0) {
            parts.removeLast();
        }
        return String.join(".", parts.stream().map(BigInteger::toString).toList());
    }

    /**
     * Compares the database's schema history with the carried scripts.
     *
     * @throws TakedownException when the database holds a migration this build does not know: it was migrated by
     *                           a newer Takedown, and this one must not work on a schema it does not understand
     */
    static State check(Connection connection, Dialect dialect, List<Script> carried, String database)
            throws SQLException {
        if (!historyExists(connection, dialect)) {
            return State.MIGRATE;
        }
        Map<String, Script> byVersion = new HashMap<>();
        carried.forEach(script -> byVersion.put(script.version(), script));
        TreeSet<String> unknown = new TreeSet<>();
        boolean current = true;
        int applied = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, script, checksum, success, type FROM " + HISTORY)) {
            while (rows.next()) {
                String version = rows.getString(1);
                String script = rows.getString(2);
                int checksum = rows.getInt(3);
                boolean noChecksum = rows.wasNull();
                boolean success = rows.getBoolean(4);
                String type = rows.getString(5);
                if (version == null || !"SQL".equals(type) || !success || noChecksum) {
                    current = false; // a repeatable, a baseline, a failed attempt: Flyway's business
                    continue;
                }
                Script known;
                try {
                    known = byVersion.get(normalised(version));
                } catch (NumberFormatException e) {
                    current = false;
                    continue;
                }
                if (known == null) {
                    unknown.add(script + " (version " + version + ")");
                } else if (known.checksum() != checksum) {
                    current = false; // Flyway's validation reports an edited migration
                } else {
                    applied++;
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new TakedownException(TakedownException.Kind.CONFLICT, "database " + database + " was migrated by "
                    + "a newer Takedown: it holds migration(s) this build does not know: " + String.join(", ", unknown)
                    + "; use a Takedown at least as new as the one that last opened it");
        }
        return current && applied == carried.size() ? State.CURRENT : State.MIGRATE;
    }

    private static boolean historyExists(Connection connection, Dialect dialect) throws SQLException {
        String query = switch (dialect) {
            case SQLITE -> "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
            // The table Flyway uses is in the connection's current schema.
            case POSTGRESQL -> "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = ?";
        };
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, HISTORY);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
