package io.takedown.cases;

import io.takedown.access.Handling;
import java.time.Instant;

/** A case: an investigation or a campaign of referrals, owned by one agency. */
public record CaseFile(long id, String agency, String title, Handling handling, boolean mayLeave, String createdBy,
                       Instant createdAt) {
}
