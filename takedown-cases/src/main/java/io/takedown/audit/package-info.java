/**
 * The tamper-evident audit trail: every state change and every read of sensitive content is an entry
 * hash-chained to the one before it, with Ed25519-signed checkpoints; {@link io.takedown.audit.AuditVerifier}
 * finds any altered, removed or reordered entry and says where.
 */
package io.takedown.audit;
