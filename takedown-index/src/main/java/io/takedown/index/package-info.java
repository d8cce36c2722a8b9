/**
 * Match indexes held in memory: exact lookup for digests and URLs, an exact PDQ Hamming range index, and a
 * text near-duplicate index. Indexes know signals and integer entry ids, nothing of banks or storage.
 */
package io.takedown.index;
