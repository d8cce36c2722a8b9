package io.takedown.operations.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An action day: who coordinates, when H-hour is, who takes part, and where it stands. */
public record ActionDay(long id, String name, String coordinator, Instant hHour, ActionStatus status, String createdBy,
                        Instant createdAt, Optional<String> frozenBy, Optional<Instant> frozenAt,
                        Optional<SignedPlan> plan, Optional<Instant> strikeStartedAt, Optional<Instant> struckAt,
                        List<Part> parts) {

    public List<String> participants() {
        return parts.stream().map(Part::agency).toList();
    }

    /** The tag the outbox holds this day's orders under between the go and H-hour. */
    public static String holdTag(long actionId) {
        return "action:" + actionId;
    }

    public Optional<Part> part(String agency) {
        return parts.stream().filter(p -> p.agency().equals(agency)).findFirst();
    }
}
