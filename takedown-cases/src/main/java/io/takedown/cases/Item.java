package io.takedown.cases;

import io.takedown.access.Handling;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something found online that a case is about: the URL (and its canonical form for deconfliction), the
 * capture of the evidence, its signals and labels. Screenshots are referenced by capture and shown blurred.
 */
public record Item(long id, long caseId, String agency, String url, String canonicalUrl, Optional<String> captureRef,
                   Map<String, String> signals, List<String> labels, Handling handling, String createdBy,
                   Instant createdAt) {
}
