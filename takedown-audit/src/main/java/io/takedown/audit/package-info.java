/**
 * The record: every state change and every read of sensitive content is an entry of a transparency log.
 * {@link io.takedown.audit.AuditLog} appends entries as leaves of an RFC 6962 Merkle tree and signs a C2SP
 * checkpoint after every committed change (also copied outside the database by
 * {@link io.takedown.audit.LogFiles}); it produces inclusion and consistency proofs.
 * {@link io.takedown.audit.AuditVerifier} finds altered, removed, reordered, truncated and rewritten entries
 * and says where. {@link io.takedown.audit.Signer} holds a signing key. Authorisation of who may read the
 * record is the services' business, not this package's.
 */
package io.takedown.audit;
