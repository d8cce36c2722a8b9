/**
 * Exact PDQ Hamming range search by multi-index hashing with the generalised pigeonhole principle,
 * in immutable segments plus a small mutable delta, so adds, removes and queries run concurrently.
 */
package io.takedown.index.pdq;
