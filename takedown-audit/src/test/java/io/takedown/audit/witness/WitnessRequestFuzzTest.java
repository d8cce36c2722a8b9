package io.takedown.audit.witness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Whatever a peer POSTs to {@code add-checkpoint}, the witness answers with one of the spec's statuses and
 * never fails otherwise; it cosigns only a validly signed checkpoint of a known log.
 */
class WitnessRequestFuzzTest {

    private static final Witness WITNESS;
    private static final String ORIGIN = "takedown.local/audit/fuzz";

    static {
        try {
            KeyPair log = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            KeyPair own = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path state = Files.createTempDirectory("witness-fuzz");
            WITNESS = new Witness(NoteSigner.cosigner("witness.test/fuzz", own.getPrivate(), own.getPublic(),
                    Clock.systemUTC()), Map.of(ORIGIN, List.of(NoteSigner.ed25519(ORIGIN, log.getPrivate(),
                    log.getPublic()).verifier())), state);
            // A valid first request, so the fuzzer sees the success path too.
            Note first = Note.sign(new Checkpoint(ORIGIN, 0, Merkle.emptyRoot()).text(),
                    NoteSigner.ed25519(ORIGIN, log.getPrivate(), log.getPublic()));
            WITNESS.addCheckpoint(WitnessClient.request(0, List.of(), first).getBytes());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyRequestGetsASpecAnswer(byte[] body) {
        Witness.Response response = WITNESS.addCheckpoint(body);
        if (!List.of(200, 400, 403, 404, 409, 422).contains(response.status())) {
            throw new IllegalStateException("unexpected status " + response.status() + ": " + response.body());
        }
    }
}
