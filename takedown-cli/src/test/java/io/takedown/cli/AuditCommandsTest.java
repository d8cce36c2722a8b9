package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit commands: authorised through the service, never creating keys, proofs checkable offline. */
class AuditCommandsTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(List.of("--home", home.toString()), args);
    }

    @BeforeEach
    void directory() {
        assertThat(run("directory", "agency", "NL-IRU", "--name", "unit", "--country", "NL", "--kind",
                "competent_authority").exitCode()).isZero();
        assertThat(run("directory", "user", "admin", "--agency", "NL-IRU", "--role", "admin").exitCode()).isZero();
        assertThat(run("--as", "admin", "directory", "user", "otto", "--agency", "NL-IRU", "--role", "auditor").exitCode())
                .isZero();
        assertThat(run("--as", "admin", "directory", "user", "ana", "--agency", "NL-IRU", "--role", "analyst").exitCode())
                .isZero();
    }

    @Test
    void verify_isForbiddenWithoutViewAudit_andUnknownUsersAreNotFound() {
        assertThat(run("--as", "otto", "audit", "verify").exitCode()).isZero();
        assertThat(run("--as", "ana", "audit", "verify").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(run("--as", "ana", "audit", "prove", "1").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(run("--as", "nobody", "audit", "verify").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void verify_neverCreatesAKey() throws Exception {
        Path keys = home.resolve("keys");
        try (var files = Files.list(keys)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(keys);
        CliRun verify = run("--as", "otto", "audit", "verify");
        assertThat(verify.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(verify.out()).contains("not signed by a trusted log key");
        assertThat(keys).doesNotExist();
    }

    @Test
    void proofs_verifyOffline_andATamperedProofIsRefused() throws Exception {
        Path vkey = home.resolve("log.vkey");
        Files.writeString(vkey, run("--as", "otto", "audit", "checkpoint", "--vkey").out());
        Path proof = home.resolve("entry-3.tlog-proof");
        assertThat(run("--as", "otto", "audit", "prove", "3", "--output", proof.toString()).exitCode()).isZero();
        CliRun ok = CliRun.run("audit", "verify-proof", proof.toString(), "--log-key", vkey.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("entry 3 is in").contains("user-added user:otto");

        Files.writeString(proof, Files.readString(proof).replace("index 2", "index 1"));
        assertThat(CliRun.run("audit", "verify-proof", proof.toString(), "--log-key", vkey.toString()).exitCode())
                .isEqualTo(ExitCodes.INVALID_INPUT);

        Path consistency = home.resolve("c.proof");
        assertThat(run("--as", "otto", "audit", "consistency", "2", "4", "--output", consistency.toString()).exitCode())
                .isZero();
        assertThat(CliRun.run("audit", "verify-proof", consistency.toString(), "--log-key", vkey.toString()).out())
                .contains("at size 4 extends size 2");
    }

    @Test
    void proveSubject_writesOneOfflineProofPerEntryAboutIt() throws Exception {
        Path vkey = home.resolve("log.vkey");
        Files.writeString(vkey, run("--as", "otto", "audit", "checkpoint", "--vkey").out());
        Path bundle = home.resolve("user-ana");
        CliRun prove = run("--as", "otto", "audit", "prove", "--subject", "user:ana", "--output", bundle.toString());
        assertThat(prove.exitCode()).as(prove.err()).isZero();
        assertThat(prove.out()).contains("1 proof(s) about user:ana");
        try (var files = Files.list(bundle)) {
            for (Path file : files.toList()) {
                CliRun ok = CliRun.run("audit", "verify-proof", file.toString(), "--log-key", vkey.toString());
                assertThat(ok.exitCode()).as(ok.err()).isZero();
                assertThat(ok.out()).contains("user-added user:ana");
            }
        }
        assertThat(run("--as", "otto", "audit", "prove", "--subject", "order:999").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("--as", "otto", "audit", "prove").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--as", "ana", "audit", "prove", "--subject", "user:ana").exitCode())
                .isEqualTo(ExitCodes.FORBIDDEN);
    }

    @Test
    void truncatedTail_isFoundThroughTheCheckpointOutsideTheDatabase() throws Exception {
        // Whoever can write the database cuts the last entry and its tree rows, and rewinds the stored head
        // to the previous checkpoint: the database is then self-consistent, the copy outside it is not.
        String previousHead = run("--as", "otto", "audit", "checkpoint", "--size", "3").out();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("takedown.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_log WHERE seq = 4");
            s.executeUpdate("DELETE FROM audit_node WHERE idx >= 3 AND lvl = 0 OR lvl = 2 OR lvl = 1 AND idx = 1");
            try (var update = c.prepareStatement("UPDATE audit_head SET size = 3, checkpoint = ?")) {
                update.setString(1, previousHead);
                update.executeUpdate();
            }
        }
        CliRun verify = run("--as", "otto", "audit", "verify");
        assertThat(verify.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(verify.out()).contains("entry 4: truncated");
    }
}
