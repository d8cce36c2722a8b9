package io.takedown.signals;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (Meta's PDQ reference data), which CI checks out beside the repository. */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    public static Path shared() {
        String configured = System.getProperty("takedown.shared", System.getenv("TAKEDOWN_SHARED"));
        Path candidate = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(candidate.resolve("pdq-reference"))) {
            throw new IllegalStateException("shared fixtures not found at " + candidate.toAbsolutePath()
                    + "; set -Dtakedown.shared or TAKEDOWN_SHARED");
        }
        return candidate.toAbsolutePath().normalize();
    }

    public static Path vpdqReference() {
        return shared().resolve("vpdq-reference");
    }

    public static Path pdqReference() {
        return shared().resolve("pdq-reference");
    }
}
