package io.takedown.audit.tlog;

import io.takedown.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A C2SP {@code tlog-proof}: optional extra data, the zero-based index of an entry, its inclusion proof, and
 * the (cosigned) checkpoint it leads to — one file a court can check offline against the log's and the
 * witnesses' public keys. Takedown puts the audit entry's leaf data in {@code extra}.
 */
public record TlogProof(Optional<byte[]> extra, long index, List<byte[]> proof, Note checkpoint) {

    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    public TlogProof {
        proof = List.copyOf(proof);
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        extra.ifPresent(bytes -> out.append("extra ").append(Base64.getEncoder().encodeToString(bytes)).append('\n'));
        out.append("index ").append(index).append('\n');
        out.append(Proofs.lines(proof)).append('\n');
        return out.append(checkpoint.format()).toString();
    }

    public static TlogProof parse(String text) {
        if (text.length() > Note.MAX_BYTES * 4) {
            throw new InvalidInputException("tlog-proof", "too large");
        }
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw new InvalidInputException("tlog-proof", "no blank line before the checkpoint");
        }
        List<String> head = new ArrayList<>(List.of(text.substring(0, blank).split("\n", -1)));
        if (head.isEmpty() || !head.getFirst().equals(HEADER)) {
            throw new InvalidInputException("tlog-proof", "first line is not " + HEADER);
        }
        head.removeFirst();
        Optional<byte[]> extra = Optional.empty();
        if (!head.isEmpty() && head.getFirst().startsWith("extra ")) {
            try {
                extra = Optional.of(Base64.getDecoder().decode(head.removeFirst().substring(6)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("tlog-proof", "extra is not base64");
            }
        }
        if (head.isEmpty() || !head.getFirst().startsWith("index ")) {
            throw new InvalidInputException("tlog-proof", "missing index line");
        }
        long index = Proofs.decimal(head.removeFirst().substring(6), "tlog-proof");
        List<byte[]> proof = Proofs.hashLines(head, "tlog-proof");
        Note checkpoint = Note.parse(text.substring(blank + 2));
        Checkpoint.of(checkpoint); // refuse a malformed checkpoint body early
        return new TlogProof(extra, index, proof, checkpoint);
    }

    /**
     * Verifies the checkpoint's signatures with {@code logKeys} (and counts witnesses among {@code witnessKeys})
     * and the inclusion of {@code leafHash}; returns the verified checkpoint.
     */
    public Checkpoint verify(byte[] leafHash, List<NoteVerifier> logKeys) {
        Checkpoint body = Checkpoint.of(checkpoint);
        List<NoteVerifier> signers = checkpoint.verify(logKeys);
        if (signers.stream().noneMatch(v -> v.name().equals(body.origin()))) {
            throw new InvalidInputException("tlog-proof", "checkpoint not signed by a key of its origin " + body.origin());
        }
        if (!Merkle.verifyInclusion(index, body.size(), leafHash, proof, body.root())) {
            throw new InvalidInputException("tlog-proof", "inclusion proof for index " + index + " does not lead to the "
                    + "checkpoint's root at size " + body.size());
        }
        return body;
    }
}
