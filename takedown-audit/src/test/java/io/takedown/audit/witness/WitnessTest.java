package io.takedown.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.audit.AuditLog;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.LogFiles;
import io.takedown.audit.Signer;
import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log and a witness on loopback: cosigning as the log grows, the spec's refusals (conflict with the
 * witness's size, bad proof, unknown origin, bad signature), and what the cosigned checkpoint lets
 * {@code audit verify} find: a truncation, a fork, and a chain rewritten with the stolen log key.
 */
class WitnessTest {

    @TempDir
    Path dir;

    private Database database;
    private Signer signer;
    private LogFiles files;
    private AuditLog log;
    private WitnessServer server;
    private NoteVerifier witnessKey;
    private Cosigning cosigning;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.open("jdbc:sqlite:" + dir.resolve("takedown.db"));
        signer = Signer.ephemeral();
        files = new LogFiles(dir.resolve("log"));
        log = new AuditLog(database, () -> signer, Clock.systemUTC(), files);
        append(0, 5);
        WitnessHome home = new WitnessHome(dir.resolve("witness"));
        witnessKey = home.init("witness.test/w1");
        home.trust(log.verifier(database));
        server = WitnessServer.start(home.open(Clock.systemUTC()), 0);
        cosigning = new Cosigning(database, files);
        cosigning.add(server.url(), witnessKey);
    }

    @AfterEach
    void tearDown() {
        server.close();
        database.close();
    }

    private void append(int from, int to) {
        for (int i = from; i < to; i++) {
            int n = i;
            database.inTransaction(c -> log.append(c, "ana", "NL-IRU", "item-viewed", "item:" + n, "detail " + n));
        }
    }

    private AuditVerifier.Report verify() {
        return AuditVerifier.verify(database, new AuditVerifier.Trust(List.of(signer.publicKey()), List.of(witnessKey), 1,
                List.of(), Optional.of(files)));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.url().resolve("/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cosign_followsTheLogAsItGrows_andServesTheLatest() {
        Note first = cosigning.cosign();
        assertThat(first.verify(List.of(witnessKey))).containsExactly(witnessKey);
        append(5, 13);
        Note second = cosigning.cosign();
        assertThat(Checkpoint.of(second).size()).isEqualTo(13);
        assertThat(new WitnessClient().latest(server.url(), Checkpoint.of(second).origin()).map(Checkpoint::of))
                .contains(Checkpoint.of(second));
        assertThat(verify().problems()).isEmpty();
        assertThat(verify().checkedAgainst()).anyMatch(s -> s.contains("cosigned by witness.test/w1 at size 13"));
    }

    @Test
    void witness_answersConflictBadProofUnknownOriginAndBadSignatureAsTheSpecSays() throws Exception {
        cosigning.cosign(); // the witness now holds size 5
        append(5, 9);
        Note head = AuditLog.head(database).orElseThrow();
        HttpResponse<String> conflict = post(WitnessClient.request(3, AuditLog.consistencyProof(database, 3, 9), head));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
        assertThat(conflict.body()).isEqualTo("5\n");

        List<byte[]> wrong = AuditLog.consistencyProof(database, 4, 9);
        assertThat(post(WitnessClient.request(5, wrong, head)).statusCode()).isEqualTo(422);
        assertThat(post(WitnessClient.request(9, List.of(), head)).statusCode()).isEqualTo(409);
        assertThat(post(WitnessClient.request(10, List.of(), head)).statusCode()).isEqualTo(400);

        Note stranger = Note.sign(new Checkpoint("elsewhere.test/log", 0, Merkle.emptyRoot()).text(),
                Signer.ephemeral().noteSigner("elsewhere.test/log"));
        assertThat(post(WitnessClient.request(0, List.of(), stranger)).statusCode()).isEqualTo(404);
        Note forged = Note.sign(head.text(), Signer.ephemeral().noteSigner(Checkpoint.of(head).origin()));
        Note badSignature = new Note(head.text(), List.of(new io.takedown.audit.tlog.NoteSignature(
                head.signatures().getFirst().keyName(), head.signatures().getFirst().keyId(),
                forged.signatures().getFirst().signature())));
        assertThat(post(WitnessClient.request(5, AuditLog.consistencyProof(database, 5, 9), badSignature)).statusCode())
                .isEqualTo(403);
        assertThat(post("garbage").statusCode()).isEqualTo(400);
    }

    @Test
    void rewrittenChainWithTheStolenKey_isRefusedByTheWitness_andVerifyNamesTheFirstRewrittenEntry() throws Exception {
        append(5, 10);
        cosigning.cosign(); // witnessed at 10
        // The attacker holds the database and the log key: replaces entries 4.. with others and re-signs the head.
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_log WHERE seq >= 4");
                s.executeUpdate("DELETE FROM audit_node WHERE lvl = 0 AND idx >= 3 OR lvl = 1 AND idx >= 1 OR lvl >= 2");
            }
            return null;
        });
        AuditLog stolen = new AuditLog(database.dialect(), signer, Clock.systemUTC());
        for (int i = 3; i < 12; i++) {
            int n = i;
            database.inTransaction(c -> stolen.append(c, "mallory", "NL-IRU", "item-viewed", "item:" + n, "nothing"));
        }
        AuditVerifier.Report report = verify();
        assertThat(report.problems()).extracting(AuditVerifier.Problem::seq, AuditVerifier.Problem::kind)
                .contains(org.assertj.core.groups.Tuple.tuple(4L, "rewritten"));
        assertThatThrownBy(cosigning::cosign).isInstanceOf(TakedownException.class)
                .hasMessageContaining("refused (HTTP 422)");
    }

    @Test
    void truncationBelowTheWitnessedSize_isFoundEvenWithTheLocalCheckpointGone() throws Exception {
        append(5, 10);
        cosigning.cosign();
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_log WHERE seq > 7");
            }
            return null;
        });
        java.nio.file.Files.delete(files.checkpointFile());
        assertThat(verify().problems()).extracting(AuditVerifier.Problem::seq, AuditVerifier.Problem::kind)
                .contains(org.assertj.core.groups.Tuple.tuple(8L, "truncated"));
    }

    @Test
    void witnessState_survivesARestart() throws Exception {
        cosigning.cosign();
        server.close();
        WitnessHome home = new WitnessHome(dir.resolve("witness"));
        server = WitnessServer.start(home.open(Clock.systemUTC()), 0);
        Note head = AuditLog.head(database).orElseThrow();
        assertThat(post(WitnessClient.request(0, List.of(), head)).body()).isEqualTo("5\n");
        URI url = server.url();
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
    }
}
