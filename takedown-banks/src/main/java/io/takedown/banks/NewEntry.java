package io.takedown.banks;

import io.takedown.signals.Signal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** What a contributor supplies for one entry; the store adds id, time and actor. */
public record NewEntry(Signal signal, Set<String> labels, Optional<String> sourceRef, Optional<String> sourceBank,
                       OptionalDouble confidence, Optional<Instant> expiresAt) {

    public static NewEntry of(Signal signal, Set<String> labels, String sourceRef) {
        return new NewEntry(signal, labels, Optional.ofNullable(sourceRef), Optional.empty(), OptionalDouble.empty(),
                Optional.empty());
    }
}
