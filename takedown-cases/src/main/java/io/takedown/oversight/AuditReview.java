package io.takedown.oversight;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.tlog.ConsistencyProof;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.TlogProof;
import io.takedown.store.Database;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The record, for those allowed to examine it (auditors and administrators: {@code VIEW_AUDIT}). Verification
 * trusts only public keys it is given or finds; it never creates a key pair (a verifier that mints the key
 * it then checks against proves nothing).
 */
public final class AuditReview {

    private final Database database;
    private final AuditLog log;
    private final Supplier<AuditVerifier.Trust> trust;

    /**
     * @param trust what verification trusts (log public keys, witnesses, checkpoints and copies outside the
     *              database), resolved when asked so that reading keys happens only after authorisation
     */
    public AuditReview(Database database, AuditLog log, Supplier<AuditVerifier.Trust> trust) {
        this.database = database;
        this.log = log;
        this.trust = trust;
    }

    public AuditVerifier.Report verify(Actor actor) {
        return verify(actor, java.util.List.of());
    }

    /** Also against checkpoints the auditor brings (kept from earlier, received from a partner or a court). */
    public AuditVerifier.Report verify(Actor actor, java.util.List<Note> checkpoints) {
        Policy.check(actor, Action.VIEW_AUDIT);
        AuditVerifier.Trust base = trust.get();
        java.util.List<Note> all = new java.util.ArrayList<>(base.checkpoints());
        all.addAll(checkpoints);
        return AuditVerifier.verify(database, new AuditVerifier.Trust(base.logKeys(), base.witnesses(), base.quorum(),
                all, base.files()));
    }

    /** The latest signed checkpoint, or the one at {@code size}. */
    public Note checkpoint(Actor actor, Optional<Long> size) {
        Policy.check(actor, Action.VIEW_AUDIT);
        return size.isPresent() ? log.checkpointAt(database, size.get()) : AuditLog.head(database).orElseThrow(() ->
                new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.NOT_FOUND,
                        "the audit log is empty"));
    }

    /** The tlog-proof of entry {@code seq}, against {@code checkpoint} or the latest signed one. */
    public TlogProof prove(Actor actor, long seq, Optional<Note> checkpoint) {
        Policy.check(actor, Action.VIEW_AUDIT);
        return AuditLog.prove(database, seq, checkpoint);
    }

    /**
     * The tlog-proofs of every entry about {@code subject} (e.g. {@code order:17}: drafted, approved, sent, receipt,
     * removed), oldest first: the bundle that goes with a sent order or an evidence package to a court, which
     * checks each offline against the agency's published log key.
     */
    public java.util.List<TlogProof> proveSubject(Actor actor, String subject, Optional<Note> checkpoint) {
        Policy.check(actor, Action.VIEW_AUDIT);
        java.util.List<Long> seqs = database.inReadTransaction(connection -> {
            java.util.List<Long> out = new java.util.ArrayList<>();
            try (java.sql.PreparedStatement query = connection.prepareStatement(
                    "SELECT seq FROM audit_log WHERE subject = ? ORDER BY seq")) {
                query.setString(1, subject);
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getLong(1));
                    }
                }
            }
            return out;
        });
        if (seqs.isEmpty()) {
            throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.NOT_FOUND,
                    "no audit entry about " + subject);
        }
        Optional<Note> against = checkpoint.isPresent() ? checkpoint : AuditLog.head(database);
        return seqs.stream().map(seq -> AuditLog.prove(database, seq, against)).toList();
    }

    public ConsistencyProof consistency(Actor actor, long oldSize, long newSize) {
        Policy.check(actor, Action.VIEW_AUDIT);
        return log.consistency(database, oldSize, newSize);
    }
}
