package io.takedown.app;

import io.takedown.core.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings of a long-running process (the server), from a properties file and the environment. A key such as
 * {@code server.port} is read from the file and can be overridden by the variable {@code TAKEDOWN_SERVER_PORT}
 * (upper case, dots and dashes as underscores); command-line options override both. The file is
 * {@code --config FILE}, else {@code takedown.properties} in the data directory when present.
 */
public final class Settings {

    public static final String FILE_NAME = "takedown.properties";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    /** Reads {@code file} (a missing explicit file is an error) and lays the environment over it. */
    public static Settings load(Optional<Path> file, Map<String, String> env) {
        Map<String, String> values = new TreeMap<>();
        if (file.isPresent()) {
            Path path = file.get();
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException(path.toString(), "configuration file not found");
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidInputException(path.toString(), "unreadable configuration: " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(key -> values.put(key.trim(), properties.getProperty(key).trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("TAKEDOWN_") && value != null) {
                values.put("env:" + name, value);
            }
        });
        return new Settings(values);
    }

    /** The file named, else the data directory's {@value #FILE_NAME} if it exists. */
    public static Optional<Path> file(Path explicit, TakedownConfig config) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        Path inHome = config.home().root().resolve(FILE_NAME);
        return Files.isRegularFile(inHome) ? Optional.of(inHome) : Optional.empty();
    }

    public Optional<String> get(String key) {
        String env = "env:TAKEDOWN_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        String value = values.containsKey(env) ? values.get(env) : values.get(key);
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(null, "setting " + key + " must be a whole number " + min + ".." + max
                + ", got '" + value.get() + "'");
    }

    public long size(String key, long fallback) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().trim().toUpperCase(Locale.ROOT);
        long factor = 1;
        if (text.endsWith("K") || text.endsWith("M") || text.endsWith("G")) {
            factor = switch (text.charAt(text.length() - 1)) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            text = text.substring(0, text.length() - 1);
        }
        try {
            long parsed = Long.parseLong(text) * factor;
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(null, "setting " + key + " must be a size such as 10M, got '" + value.get() + "'");
    }

    public boolean flag(String key, boolean fallback) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new InvalidInputException(null, "setting " + key + " must be true or false, got '"
                    + value.get() + "'");
        };
    }

    /** The same settings with {@code key} set (command-line options are applied this way). */
    public Settings with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.remove("env:TAKEDOWN_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        copy.put(key, value);
        return new Settings(copy);
    }
}
