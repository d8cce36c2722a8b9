package io.takedown.operations.deconfliction;

import io.takedown.access.Handling;
import java.time.Instant;
import java.util.Optional;

/**
 * A "do not touch" entry as its owner sees it.
 *
 * @param value   canonical URL or lower-case host
 * @param reason  why (the investigation); shown to the owning agency only
 * @param contact whom to contact, disclosed to others as far as {@code handling} allows
 */
public record Entry(long id, String agency, Scope scope, String value, String reason, String contact,
                    Handling handling, String createdBy, Instant createdAt, Optional<Instant> withdrawnAt) {
}
