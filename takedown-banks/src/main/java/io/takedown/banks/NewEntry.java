package io.takedown.banks;

import io.takedown.signals.Signal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a contributor supplies for one entry; the store adds id, time and actor.
 *
 * @param variant set when the signal is that of a transformed copy of the content (see {@link Variant})
 */
public record NewEntry(Signal signal, Set<String> labels, Optional<String> sourceRef, Optional<String> sourceBank,
                       OptionalDouble confidence, Optional<Instant> expiresAt, Optional<Variant> variant) {

    /** An entry for the content itself (no variant). */
    public NewEntry(Signal signal, Set<String> labels, Optional<String> sourceRef, Optional<String> sourceBank,
                    OptionalDouble confidence, Optional<Instant> expiresAt) {
        this(signal, labels, sourceRef, sourceBank, confidence, expiresAt, Optional.empty());
    }

    public static NewEntry of(Signal signal, Set<String> labels, String sourceRef) {
        return new NewEntry(signal, labels, Optional.ofNullable(sourceRef), Optional.empty(), OptionalDouble.empty(),
                Optional.empty());
    }

    public NewEntry withVariant(Variant value) {
        return new NewEntry(signal, labels, sourceRef, sourceBank, confidence, expiresAt, Optional.of(value));
    }
}
