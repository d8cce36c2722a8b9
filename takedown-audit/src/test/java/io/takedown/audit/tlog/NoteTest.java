package io.takedown.audit.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.InvalidInputException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signed notes, checkpoints and cosignatures against the C2SP examples and hostile variations. */
class NoteTest {

    // The example of c2sp.org/signed-note: this verifier key verifies this note.
    static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String SPEC_NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void specExample_keyIdAndSignatureVerify() {
        NoteVerifier verifier = NoteVerifier.parse(SPEC_VKEY);
        assertThat(verifier.keyIdHex()).isEqualTo("530d903a");
        assertThat(verifier.encode()).isEqualTo(SPEC_VKEY);
        Note note = Note.parse(SPEC_NOTE);
        assertThat(note.text()).isEqualTo("This is an example message.\n");
        assertThat(note.verify(List.of(verifier))).containsExactly(verifier);
        assertThat(note.format()).isEqualTo(SPEC_NOTE);
    }

    @Test
    void tamperedText_orUnknownKeyOnly_isRejected() throws Exception {
        NoteVerifier verifier = NoteVerifier.parse(SPEC_VKEY);
        Note tampered = Note.parse(SPEC_NOTE.replace("example message", "exemplary message"));
        assertThatThrownBy(() -> tampered.verify(List.of(verifier))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not verify");
        NoteVerifier stranger = NoteSigner.ed25519("example.com/bar", pair().getPrivate(), pair().getPublic()).verifier();
        assertThatThrownBy(() -> Note.parse(SPEC_NOTE).verify(List.of(stranger)))
                .hasMessageContaining("not signed by any trusted key");
    }

    @Test
    void checkpoint_roundTripsAndIsCosigned() throws Exception {
        KeyPair log = pair();
        KeyPair witness = pair();
        NoteSigner logSigner = NoteSigner.ed25519("takedown.test/log", log.getPrivate(), log.getPublic());
        NoteSigner cosigner = NoteSigner.cosigner("witness.test/w1", witness.getPrivate(), witness.getPublic(),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
        Checkpoint checkpoint = new Checkpoint("takedown.test/log", 8, MerkleTest.hex(MerkleTest.ROOTS[8]));
        Note note = Note.sign(checkpoint.text(), logSigner);
        Note cosigned = note.withSignature(cosigner.sign(note.text()));
        Note parsed = Note.parse(cosigned.format());
        assertThat(Checkpoint.of(parsed)).isEqualTo(checkpoint);
        assertThat(parsed.verify(List.of(logSigner.verifier(), cosigner.verifier())))
                .containsExactly(logSigner.verifier(), cosigner.verifier());
        assertThat(NoteVerifier.cosignatureTime(parsed.signatures().get(1))).isEqualTo(1_700_000_000L);
        assertThat(NoteVerifier.parse(cosigner.verifier().encode())).isEqualTo(cosigner.verifier());
    }

    @Test
    void malformedNotesAndCheckpoints_areRefusedWithAReason() {
        List<String> bad = List.of("", "no newline", "text\n", "text\n\n", "text\n\nnot a signature\n",
                "text\n\n\u2014 name !!!\n", "text\n\n\u2014 na+me AAAAAAA=\n", "te\u0001xt\n\n\u2014 n AAAAAAA=\n",
                "text\n\n\u2014 n AAA=\n");
        for (String note : bad) {
            assertThatThrownBy(() -> Note.parse(note)).as(note).isInstanceOf(InvalidInputException.class);
        }
        for (String text : List.of("origin\n01\nAAAA\n", "origin\n1\n", "origin\n-1\n" + MerkleTest.ROOTS[0] + "\n",
                "origin\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "o\n1\nroot\nextension\n",
                "o\n99999999999999999999\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")) {
            assertThatThrownBy(() -> Checkpoint.parse(text)).as(text).isInstanceOf(InvalidInputException.class);
        }
    }
}
