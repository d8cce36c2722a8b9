package io.takedown.audit;

import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.core.InvalidInputException;
import io.takedown.store.Database;
import java.security.PublicKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks the audit log: every entry against its leaf and its chain link, the tree against the signed head,
 * and the whole against checkpoints the database cannot rewrite — the copy outside it and, above all,
 * checkpoints cosigned by witnesses. Names the first entry that was altered, removed, reordered, cut off
 * (truncation) or rewritten with a stolen log key (a fork from what a witness saw).
 */
public final class AuditVerifier {

    private static final HexFormat HEX = HexFormat.of();

    /** What is wrong, and where. */
    public record Problem(long seq, String kind, String message) {
        @Override
        public String toString() {
            return "entry " + seq + ": " + kind + " - " + message;
        }
    }

    /**
     * The verdict: entries checked, signed checkpoints verified, every problem found (empty when intact),
     * and what the log was checked against.
     */
    public record Report(long entries, int checkpoints, List<Problem> problems, List<String> checkedAgainst) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * What the verifier trusts: the log's public keys (all of them, rotated ones too), the witnesses' keys and
     * how many must have cosigned, checkpoints obtained outside the database, and the leaf copy.
     */
    public record Trust(List<PublicKey> logKeys, List<NoteVerifier> witnesses, int quorum, List<Note> checkpoints,
                        Optional<LogFiles> files) {
        public static Trust key(PublicKey key) {
            return new Trust(List.of(key), List.of(), 0, List.of(), Optional.empty());
        }
    }

    private AuditVerifier() {
    }

    /** The database alone, against one log key (entries, chain, tree and signed head). */
    public static Report verify(Database database, PublicKey key) {
        return verify(database, Trust.key(key));
    }

    public static Report verify(Database database, Trust trust) {
        Scan scan = scan(database);
        List<Problem> problems = new ArrayList<>(scan.problems);
        List<String> checked = new ArrayList<>();
        int checkpoints = 0;
        long n = scan.leaves.size();

        Optional<String> origin = scan.head.map(h -> Checkpoint.of(h).origin());
        List<NoteVerifier> logVerifiers = new ArrayList<>();
        for (Note candidate : candidates(scan, trust)) {
            String name = Checkpoint.of(candidate).origin();
            trust.logKeys().forEach(k -> logVerifiers.add(new NoteVerifier(name, NoteVerifier.ED25519, k)));
        }
        if (scan.head.isPresent()) {
            Note head = scan.head.get();
            Checkpoint body = Checkpoint.of(head);
            if (verified(head, logVerifiers, body.origin(), List.of(), 0).isEmpty()) {
                problems.add(new Problem(Math.max(1, body.size()), "bad-checkpoint-signature",
                        "the head checkpoint is not signed by a trusted log key"));
            } else {
                checkpoints++;
                checked.add("signed head at size " + body.size());
                compare(body, "the signed head", scan, trust, problems);
            }
        } else if (n > 0) {
            problems.add(new Problem(n, "unsigned", "entries exist but no signed checkpoint covers them"));
        }

        for (External external : external(trust)) {
            Note note = external.note();
            Checkpoint body = Checkpoint.of(note);
            if (origin.isPresent() && !origin.get().equals(body.origin())) {
                problems.add(new Problem(1, "fork", "a checkpoint of origin " + body.origin() + " was issued, but the "
                        + "database's log is " + origin.get()));
                continue;
            }
            boolean fromWitness = external.quorum() > 0;
            Optional<String> signers = verified(note, logVerifiers, body.origin(), trust.witnesses(), external.quorum());
            if (signers.isEmpty()) {
                problems.add(new Problem(Math.max(1, Math.min(body.size(), n + 1)), "bad-checkpoint-signature",
                        "a checkpoint at size " + body.size() + " is not signed by a trusted log key"
                                + (fromWitness ? " and " + trust.quorum() + " trusted witness(es)" : "")));
                continue;
            }
            checkpoints++;
            checked.add(signers.get() + " at size " + body.size());
            compare(body, signers.get(), scan, trust, problems);
        }
        problems.sort(Comparator.comparingLong(Problem::seq));
        return new Report(n, checkpoints, dedupe(problems), checked);
    }

    private static List<Note> candidates(Scan scan, Trust trust) {
        List<Note> all = new ArrayList<>();
        scan.head.ifPresent(all::add);
        external(trust).forEach(e -> all.add(e.note()));
        return all;
    }

    /** A checkpoint from outside the database and how many witnesses must have cosigned it. */
    private record External(Note note, int quorum) {
    }

    private static List<External> external(Trust trust) {
        List<External> all = new ArrayList<>();
        trust.checkpoints().forEach(n -> all.add(new External(n, trust.quorum())));
        trust.files().ifPresent(files -> {
            files.checkpoint().ifPresent(n -> all.add(new External(n, 0)));
            files.cosigned().ifPresent(n -> all.add(new External(n, trust.quorum())));
        });
        return all;
    }

    /** Who signed {@code note} among the trusted keys, or empty if the log key or the witness quorum is missing. */
    private static Optional<String> verified(Note note, List<NoteVerifier> logKeys, String origin,
                                             List<NoteVerifier> witnesses, int quorum) {
        List<NoteVerifier> all = new ArrayList<>(logKeys);
        all.addAll(witnesses);
        List<NoteVerifier> signers;
        try {
            signers = note.verify(all);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        if (signers.stream().noneMatch(v -> v.type() == NoteVerifier.ED25519 && v.name().equals(origin))) {
            return Optional.empty();
        }
        List<String> cosigners = signers.stream().filter(witnesses::contains).map(NoteVerifier::name).distinct().toList();
        if (cosigners.size() < quorum) {
            return Optional.empty();
        }
        return Optional.of(cosigners.isEmpty() ? "checkpoint signed by the log" : "checkpoint cosigned by "
                + String.join(", ", cosigners));
    }

    /** Is the database's log, cut at the checkpoint's size, the tree the checkpoint names? */
    private static void compare(Checkpoint checkpoint, String what, Scan scan, Trust trust, List<Problem> problems) {
        long n = scan.lastSeq;
        long size = checkpoint.size();
        if (size > n) {
            problems.add(new Problem(n + 1, "truncated", "entries " + (n + 1) + ".." + size + " are missing: " + what
                    + " covers " + size + " entries, the database holds " + n));
            return;
        }
        if (size > scan.leaves.size()) {
            return; // entries are missing in the middle: reported as removed
        }
        byte[] root = Merkle.root(scan.leaves.subList(0, (int) size));
        if (Merkle.equal(root, checkpoint.root())) {
            return;
        }
        long first = firstDifference(checkpoint, scan, trust);
        if (problems.stream().anyMatch(p -> p.seq() == first && p.kind().equals("altered"))) {
            return; // the entry's own hash already shows it; the root differs because of it
        }
        problems.add(new Problem(first, "rewritten", "the log differs from " + what + " at size " + size
                + (first > 0 ? ": this is the first entry that is not the one it covered" : "")
                + " (a fork: entries rewritten and re-signed)"));
    }

    /**
     * The first entry whose recomputed leaf differs from a copy of the leaf hashes that the checkpoint
     * authenticates (its first {@code size} leaves hash to the checkpoint's root): the tree stored beside the
     * entries, else the copy outside the database. 1 when neither is authentic (all is rewritten).
     */
    private static long firstDifference(Checkpoint checkpoint, Scan scan, Trust trust) {
        int size = (int) checkpoint.size();
        List<List<byte[]>> copies = new ArrayList<>();
        copies.add(scan.storedLeaves);
        trust.files().ifPresent(files -> copies.add(files.leaves()));
        for (List<byte[]> copy : copies) {
            if (copy.size() >= size && Merkle.equal(Merkle.root(copy.subList(0, size)), checkpoint.root())) {
                for (int i = 0; i < size; i++) {
                    if (!Merkle.equal(copy.get(i), scan.leaves.get(i))) {
                        return i + 1L;
                    }
                }
            }
        }
        return 1;
    }

    private static List<Problem> dedupe(List<Problem> problems) {
        List<Problem> out = new ArrayList<>();
        for (Problem problem : problems) {
            if (out.stream().noneMatch(p -> p.seq() == problem.seq() && p.kind().equals(problem.kind()))) {
                out.add(problem);
            }
        }
        return out;
    }

    /** One pass over the entries: leaf hashes recomputed from content, and what is wrong entry by entry. */
    private record Scan(List<byte[]> leaves, long lastSeq, List<byte[]> storedLeaves, Optional<Note> head,
                        List<Problem> problems) {
    }

    private static Scan scan(Database database) {
        return database.inTransaction(connection -> {
            List<Problem> problems = new ArrayList<>();
            List<byte[]> leaves = new ArrayList<>();
            List<String> stored = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT idx, hash FROM audit_node WHERE lvl = 0 ORDER BY idx");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(1) != stored.size()) {
                        break;
                    }
                    stored.add(rows.getString(2));
                }
            }
            long expectedSeq = 1;
            String previous = AuditEntry.GENESIS;
            try (PreparedStatement query = connection.prepareStatement("SELECT seq, at, actor, agency, action, subject, "
                    + "detail, prev_hash, hash FROM audit_log ORDER BY seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    String storedPrevious = rows.getString(8);
                    String storedHash = rows.getString(9);
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
                    byte[] leaf = Merkle.leafHash(AuditEntry.leafData(seq, rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                    long index = seq - 1;
                    if (!recomputed.equals(storedHash) || index >= 0 && index < stored.size()
                            && !stored.get((int) index).equals(HEX.formatHex(leaf))) {
                        problems.add(new Problem(seq, "altered", "content does not match its hash"));
                    }
                    leaves.add(leaf);
                    previous = storedHash;
                    expectedSeq = seq + 1;
                }
            }
            Optional<Note> head;
            try (PreparedStatement query = connection.prepareStatement("SELECT checkpoint FROM audit_head WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                head = rows.next() ? Optional.of(Note.parse(rows.getString(1))) : Optional.empty();
            }
            return new Scan(leaves, expectedSeq - 1, stored.stream().map(HEX::parseHex).toList(), head, problems);
        });
    }
}
