/**
 * Transparency-log building blocks, from their specifications and nothing of Takedown's: the RFC 6962/9162
 * Merkle tree (leaf and node hashes, roots, inclusion and consistency proofs and their verification),
 * C2SP signed notes with Ed25519 signatures and timestamped cosignatures, {@code tlog-checkpoint}s and
 * {@code tlog-proof}s. Every parser here takes hostile input and refuses it with a {@link
 * io.takedown.core.InvalidInputException} naming what is wrong.
 */
package io.takedown.audit.tlog;
