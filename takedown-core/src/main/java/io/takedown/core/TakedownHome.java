package io.takedown.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one directory that holds all of Takedown's state (stores, evidence, keys). Resolved from an explicit
 * option, else {@code $TAKEDOWN_HOME}, else {@code ~/.takedown}, so that two deployments on one machine
 * never share state by accident.
 */
public record TakedownHome(Path root) {

    public static final String ENVIRONMENT_VARIABLE = "TAKEDOWN_HOME";

    public TakedownHome {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * @param explicit the {@code --home} option, or {@code null}
     * @param environment the process environment
     * @param userHome the user's home directory
     */
    public static TakedownHome resolve(Path explicit, Map<String, String> environment, Path userHome) {
        if (explicit != null) {
            return new TakedownHome(explicit);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new TakedownHome(Path.of(fromEnvironment));
        }
        return new TakedownHome(userHome.resolve(".takedown"));
    }

    public Path resolve(String child) {
        return root.resolve(child);
    }
}
