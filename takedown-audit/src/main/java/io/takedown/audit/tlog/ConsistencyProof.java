package io.takedown.audit.tlog;

import io.takedown.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * That the log at one checkpoint is an append-only extension of the log at an older one: both signed
 * checkpoints and the RFC 6962 consistency proof between them, in one text file shaped like a
 * {@link TlogProof} (C2SP defines no file for this; the header names ours):
 * <pre>
 * takedown/tlog-consistency@v1
 * old SIZE
 * proof lines (base64)
 *
 * old checkpoint (signed note)
 *
 * new checkpoint (signed note)
 * </pre>
 */
public record ConsistencyProof(Note older, List<byte[]> proof, Note newer) {

    public static final String HEADER = "takedown/tlog-consistency@v1";

    public ConsistencyProof {
        proof = List.copyOf(proof);
    }

    public String format() {
        return HEADER + "\nold " + Checkpoint.of(older).size() + "\n" + Proofs.lines(proof) + "\n" + older.format()
                + "\n" + newer.format();
    }

    public static ConsistencyProof parse(String text) {
        if (text.length() > Note.MAX_BYTES * 4) {
            throw new InvalidInputException("consistency proof", "too large");
        }
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw new InvalidInputException("consistency proof", "no blank line after the proof");
        }
        List<String> head = new ArrayList<>(List.of(text.substring(0, blank).split("\n", -1)));
        if (head.isEmpty() || !head.removeFirst().equals(HEADER)) {
            throw new InvalidInputException("consistency proof", "first line is not " + HEADER);
        }
        if (head.isEmpty() || !head.getFirst().startsWith("old ")) {
            throw new InvalidInputException("consistency proof", "missing old size line");
        }
        long oldSize = Proofs.decimal(head.removeFirst().substring(4), "consistency proof");
        List<byte[]> proof = Proofs.hashLines(head, "consistency proof");
        // Two notes follow, each "text, blank line, signature lines", separated by one blank line. A checkpoint
        // text has no blank line, so the second note starts after the first run of signature lines.
        String notes = text.substring(blank + 2);
        int firstBlank = notes.indexOf("\n\n");
        if (firstBlank < 0) {
            throw new InvalidInputException("consistency proof", "old checkpoint has no signatures");
        }
        int separator = notes.indexOf("\n\n", firstBlank + 2);
        if (separator < 0) {
            throw new InvalidInputException("consistency proof", "new checkpoint missing");
        }
        Note older = Note.parse(notes.substring(0, separator + 1));
        Note newer = Note.parse(notes.substring(separator + 2));
        if (Checkpoint.of(older).size() != oldSize) {
            throw new InvalidInputException("consistency proof", "old size line disagrees with the old checkpoint");
        }
        return new ConsistencyProof(older, proof, newer);
    }

    /** Verifies both checkpoints with {@code logKeys} and the proof between them; returns the newer checkpoint. */
    public Checkpoint verify(List<NoteVerifier> logKeys) {
        Checkpoint from = Checkpoint.of(older);
        Checkpoint to = Checkpoint.of(newer);
        if (!from.origin().equals(to.origin())) {
            throw new InvalidInputException("consistency proof", "checkpoints of two logs: " + from.origin() + ", "
                    + to.origin());
        }
        older.verify(logKeys);
        newer.verify(logKeys);
        if (!Merkle.verifyConsistency(from.size(), to.size(), from.root(), to.root(), proof)) {
            throw new InvalidInputException("consistency proof", "the log at size " + to.size()
                    + " is not an extension of the log at size " + from.size());
        }
        return to;
    }
}
