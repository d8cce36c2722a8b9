package io.takedown.signals.hashing;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One file to hash, or a path that could not even be listed (then {@code problem} says why and the file
 * is reported as failed without being opened).
 *
 * @param file where to read
 * @param displayPath how the report names it: relative to what the user typed
 * @param problem why it cannot be hashed, when known before opening
 */
public record HashTarget(Path file, String displayPath, Optional<String> problem) {

    public static HashTarget of(Path file) {
        return new HashTarget(file, file.toString(), Optional.empty());
    }
}
