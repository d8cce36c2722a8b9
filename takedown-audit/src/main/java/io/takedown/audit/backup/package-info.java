/**
 * Online backup and verified restore of a data directory: the database copied consistently while Takedown
 * runs, the log's copy and public keys beside it, and a restore that checks the audit log against the
 * backup's signed checkpoint before it replaces anything. Private keys are never part of a backup.
 */
package io.takedown.audit.backup;
