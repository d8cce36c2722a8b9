package io.takedown.operations.plan;

import java.time.Instant;
import java.util.Optional;

/** One participating agency's part of an action day and its go/no-go. */
public record Part(String agency, String country, Optional<String> approvedBy, Optional<Instant> approvedAt) {

    public boolean approved() {
        return approvedBy.isPresent();
    }
}
