package io.takedown.audit.tlog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.audit.AuditEntry;
import io.takedown.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checkpoints, signed notes and proofs arrive from partners, witnesses and courts: any bytes either parse into
 * something that formats back to an equivalent value, or are refused with an {@link InvalidInputException} —
 * never another exception. Seeds live in {@code TlogFuzzTestInputs/<method>/}.
 */
class TlogFuzzTest {

    private static final NoteVerifier SPEC_KEY =
            NoteVerifier.parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");

    @FuzzTest(maxDuration = "30s")
    void notesAndCheckpoints(byte[] input) {
        Note note;
        try {
            note = Note.parse(input);
        } catch (InvalidInputException expected) {
            return;
        }
        Note again = Note.parse(note.format());
        if (!again.text().equals(note.text()) || !again.signatures().equals(note.signatures())) {
            throw new IllegalStateException("note does not round-trip");
        }
        try {
            note.verify(List.of(SPEC_KEY));
        } catch (InvalidInputException expected) {
            // unsigned or badly signed: refused, as it should be
        }
        try {
            Checkpoint checkpoint = Checkpoint.of(note);
            if (!Checkpoint.parse(checkpoint.text()).equals(checkpoint)) {
                throw new IllegalStateException("checkpoint does not round-trip");
            }
        } catch (InvalidInputException expected) {
            // not a checkpoint body
        }
    }

    @FuzzTest(maxDuration = "30s")
    void proofs(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            TlogProof proof = TlogProof.parse(text);
            TlogProof.parse(proof.format());
            byte[] leaf = Merkle.leafHash(proof.extra().orElse(new byte[0]));
            Merkle.verifyInclusion(proof.index(), Checkpoint.of(proof.checkpoint()).size(), leaf, proof.proof(),
                    Checkpoint.of(proof.checkpoint()).root());
            proof.extra().flatMap(AuditEntry::fromLeafData);
        } catch (InvalidInputException expected) {
            // refused with a reason
        }
        try {
            ConsistencyProof proof = ConsistencyProof.parse(text);
            Checkpoint from = Checkpoint.of(proof.older());
            Checkpoint to = Checkpoint.of(proof.newer());
            Merkle.verifyConsistency(from.size(), to.size(), from.root(), to.root(), proof.proof());
        } catch (InvalidInputException expected) {
            // refused with a reason
        }
        try {
            NoteVerifier.parse(text);
        } catch (InvalidInputException expected) {
            // not a verifier key
        }
        AuditEntry.fromLeafData(text.getBytes(StandardCharsets.UTF_8));
    }
}
