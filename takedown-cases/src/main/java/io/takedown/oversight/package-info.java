/**
 * Authorised reads of the record: who may verify the audit log, prove an entry or a consistency, and print
 * checkpoints. {@link io.takedown.oversight.AuditReview} checks the actor's {@code VIEW_AUDIT} right before
 * touching the log and never creates a key; the CLI, the server and the console all go through it.
 */
package io.takedown.oversight;
