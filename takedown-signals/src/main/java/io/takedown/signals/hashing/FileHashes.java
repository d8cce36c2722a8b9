package io.takedown.signals.hashing;

import io.takedown.signals.Signal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What hashing one file produced.
 *
 * @param path the file as the user named it (or as found under a named folder)
 * @param mediaType sniffed from content, e.g. {@code image/png}; {@code application/octet-stream} when unknown
 * @param size bytes, or -1 when the file could not be read
 * @param signals by signal name, in registry order
 * @param language ISO 639-1 code of a text file's language, when identified
 * @param status {@link Status#OK}, or what went wrong
 * @param error a message naming the problem, empty when OK
 */
public record FileHashes(String path, String mediaType, long size, Map<String, Signal> signals,
                         Optional<String> language, Status status, Optional<String> error) {

    /** Outcome of one file. */
    public enum Status {
        /** Every applicable signal computed. */
        OK,
        /** File digests computed, but a content signal failed (e.g. a corrupt image). */
        PARTIAL,
        /** Nothing computed: the file could not be read. */
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FileHashes {
        signals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }

    public static FileHashes failed(String path, String error) {
        return new FileHashes(path, "", -1, Map.of(), Optional.empty(), Status.FAILED, Optional.of(error));
    }

    public Optional<Signal> signal(String name) {
        return Optional.ofNullable(signals.get(name));
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
