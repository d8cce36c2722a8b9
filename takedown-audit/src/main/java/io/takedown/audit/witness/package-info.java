/**
 * Witnesses (C2SP tlog-witness): a {@link io.takedown.audit.witness.Witness} cosigns a log's checkpoint only
 * after checking it extends the last one it cosigned for that origin, keeping that state on disk atomically
 * before answering; {@link io.takedown.audit.witness.WitnessServer} serves it on loopback and
 * {@link io.takedown.audit.witness.WitnessClient} is how a log asks for cosignatures.
 */
package io.takedown.audit.witness;
