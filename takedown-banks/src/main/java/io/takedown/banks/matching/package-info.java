/**
 * Matching content against every bank at once. {@link io.takedown.banks.matching.MatchService} is the
 * long-lived service: one index per signal kind over all active entries, persisted as a checksummed snapshot
 * that records the store version it reflects and catches up from the bank changes committed after it.
 * {@link io.takedown.banks.matching.Matcher} answers queries with per-bank distances, negative banks that
 * suppress matches, a flood guard, and results that carry each entry's current state and provenance.
 */
package io.takedown.banks.matching;
