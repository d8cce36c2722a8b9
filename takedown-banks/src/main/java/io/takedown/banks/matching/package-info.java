/**
 * Matching content against every bank at once: one index per signal kind over all active entries,
 * per-bank distances, negative banks that suppress matches, a flood guard, and results that carry each
 * entry's full provenance. Indexes follow bank changes incrementally.
 */
package io.takedown.banks.matching;
