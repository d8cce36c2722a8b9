package io.takedown.audit;

import io.takedown.store.Database;
import java.security.PublicKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Re-computes the audit chain and checks every signed checkpoint. */
public final class AuditVerifier {

    /** What is wrong, and where. */
    public record Problem(long seq, String kind, String message) {
        @Override
        public String toString() {
            return "entry " + seq + ": " + kind + " - " + message;
        }
    }

    /** The verdict: entries checked, checkpoints verified, and every problem found (empty when intact). */
    public record Report(long entries, int checkpoints, List<Problem> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private AuditVerifier() {
    }

    public static Report verify(Database database, PublicKey key) {
        return database.inTransaction(connection -> {
            List<Problem> problems = new ArrayList<>();
            Map<Long, String> hashes = new HashMap<>();
            long expectedSeq = 1;
            String previous = AuditEntry.GENESIS;
            long entries = 0;
            try (PreparedStatement query = connection.prepareStatement("SELECT seq, at, actor, agency, action, subject, "
                    + "detail, prev_hash, hash FROM audit_log ORDER BY seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries++;
                    long seq = rows.getLong(1);
                    String storedPrevious = rows.getString(8);
                    String stored = rows.getString(9);
                    if (seq != expectedSeq) {
                        problems.add(new Problem(expectedSeq, "removed", "entries " + expectedSeq + ".." + (seq - 1)
                                + " are missing"));
                    }
                    if (!storedPrevious.equals(previous)) {
                        problems.add(new Problem(seq, "broken-link", "does not follow the entry before it "
                                + "(removed or reordered entries)"));
                    }
                    String recomputed = AuditEntry.hashOf(seq, rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), storedPrevious);
                    if (!recomputed.equals(stored)) {
                        problems.add(new Problem(seq, "altered", "content does not match its hash"));
                    }
                    hashes.put(seq, stored);
                    previous = stored;
                    expectedSeq = seq + 1;
                }
            }
            int checkpoints = 0;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT seq, hash, signature FROM audit_checkpoint ORDER BY seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    checkpoints++;
                    long seq = rows.getLong(1);
                    String hash = rows.getString(2);
                    if (!Signer.verify(key, AuditLog.checkpointBytes(seq, hash), rows.getString(3))) {
                        problems.add(new Problem(seq, "bad-checkpoint-signature", "checkpoint signature does not verify"));
                    } else if (!hash.equals(hashes.get(seq))) {
                        problems.add(new Problem(seq, "checkpoint-mismatch", "the signed checkpoint names another "
                                + "chain head: the log was rewritten after it"));
                    }
                }
            }
            problems.sort(java.util.Comparator.comparingLong(Problem::seq));
            return new Report(entries, checkpoints, problems);
        });
    }
}
