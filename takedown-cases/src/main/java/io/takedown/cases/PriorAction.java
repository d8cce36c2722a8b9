package io.takedown.cases;

import java.time.Instant;

/**
 * A referral or order another agency (or this one) already made for the same URL: the deconfliction
 * answer. When handling codes hide the details, only the fact is shown.
 */
public record PriorAction(String kind, long id, String agency, String status, Instant at, boolean restricted) {
}
