package io.takedown.banks;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * A named collection of signals.
 *
 * @param negative a bank of known false positives: its matches suppress other banks' matches
 * @param pdqDistance this bank's PDQ match distance, else the matcher's default (31)
 * @param textDistance this bank's text match distance, else the matcher's default (50)
 * @param version increases with every change to the bank's entries
 */
public record Bank(long id, String name, String description, boolean negative, OptionalInt pdqDistance,
                   OptionalInt textDistance, int version, Instant createdAt, String createdBy) {
}
