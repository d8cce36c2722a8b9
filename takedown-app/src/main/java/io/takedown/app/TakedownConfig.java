package io.takedown.app;

import io.takedown.core.TakedownHome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Takedown keeps its state and which clock the legal deadlines run on.
 *
 * @param home        the data directory (embedded database, keys, index snapshots, archives)
 * @param databaseUrl a JDBC URL when a shared database (PostgreSQL) replaces the embedded SQLite file
 * @param clock       the clock every service reads; tests and the range pass their own
 */
public record TakedownConfig(TakedownHome home, Optional<String> databaseUrl, Clock clock) {

    /** Environment variable naming a JDBC URL to use instead of the embedded store. */
    public static final String DATABASE_ENV = "TAKEDOWN_DATABASE";

    public TakedownConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Resolves the configuration the way every adapter does: explicit values first, then the environment
     * ({@code TAKEDOWN_HOME}, {@code TAKEDOWN_DATABASE}), then {@code ~/.takedown} and the embedded store.
     */
    public static TakedownConfig resolve(Path homeOverride, String databaseOverride, Map<String, String> env) {
        TakedownHome home = TakedownHome.resolve(homeOverride, env, Path.of(System.getProperty("user.home")));
        String url = databaseOverride != null && !databaseOverride.isBlank() ? databaseOverride : env.get(DATABASE_ENV);
        return new TakedownConfig(home, Optional.ofNullable(url).filter(u -> !u.isBlank()), Clock.systemUTC());
    }

    /** The embedded default in {@code directory}, on the system clock. */
    public static TakedownConfig embedded(Path directory) {
        return new TakedownConfig(new TakedownHome(directory), Optional.empty(), Clock.systemUTC());
    }

    public TakedownConfig withClock(Clock other) {
        return new TakedownConfig(home, databaseUrl, other);
    }

    public TakedownConfig withDatabase(String url) {
        return new TakedownConfig(home, Optional.ofNullable(url), clock);
    }
}
