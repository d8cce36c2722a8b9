package io.takedown.banks;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an entry came from, carried into every match so an analyst can trace it.
 *
 * @param addedBy user or process that added it
 * @param addedAt when
 * @param sourceRef the file name it was hashed from, or the exchange record's id
 * @param sourceBank the bank or exchange it was imported from, if any
 */
public record Provenance(String addedBy, Instant addedAt, Optional<String> sourceRef, Optional<String> sourceBank) {
}
