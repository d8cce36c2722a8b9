package io.takedown.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditVerifierTest {

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static Signer fill(Database database, int entries) {
        Signer signer = Signer.ephemeral();
        AuditLog log = new AuditLog(database.dialect(), signer, Clock.systemUTC());
        for (int i = 0; i < entries; i++) {
            int n = i;
            database.inTransaction(c -> log.append(c, "ana", "NL-IRU", "item-viewed", "item:" + n, "detail " + n));
        }
        return signer;
    }

    private static void sql(Database database, String statement) {
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(statement);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void intactChainVerifies_andEveryKindOfTamperingIsFoundWhereItHappened(TestDatabases.Target target) {
        try (Database database = target.open()) {
            Signer signer = fill(database, 120);
            AuditVerifier.Report clean = AuditVerifier.verify(database, signer.publicKey());
            assertThat(clean.intact()).isTrue();
            assertThat(clean.entries()).isEqualTo(120);
            assertThat(clean.checkpoints()).isEqualTo(1);

            sql(database, "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 30");
            assertThat(AuditVerifier.verify(database, signer.publicKey()).problems())
                    .extracting(AuditVerifier.Problem::seq, AuditVerifier.Problem::kind)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(30L, "altered"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void removedReorderedAndRewrittenEntriesAreFound(TestDatabases.Target target) {
        try (Database database = target.open()) {
            Signer signer = fill(database, 60);
            sql(database, "DELETE FROM audit_log WHERE seq = 12");
            var removed = AuditVerifier.verify(database, signer.publicKey()).problems();
            assertThat(removed).extracting(AuditVerifier.Problem::kind).contains("removed", "broken-link");
            assertThat(removed.getFirst().seq()).isEqualTo(12);

            // Reorder: swap the contents of two entries, keeping their places.
            sql(database, "UPDATE audit_log SET subject = CASE seq WHEN 20 THEN 'item:20x' WHEN 21 THEN 'item:19x' "
                    + "ELSE subject END WHERE seq IN (20, 21)");
            assertThat(AuditVerifier.verify(database, signer.publicKey()).problems())
                    .extracting(AuditVerifier.Problem::seq).contains(20L, 21L);

            // Truncating the tail is caught by the signed head, which covers every committed entry.
            sql(database, "DELETE FROM audit_log WHERE seq >= 45");
            assertThat(AuditVerifier.verify(database, signer.publicKey()).problems())
                    .extracting(AuditVerifier.Problem::seq, AuditVerifier.Problem::kind)
                    .contains(org.assertj.core.groups.Tuple.tuple(45L, "truncated"));
            // A different key cannot vouch for the checkpoints.
            assertThat(AuditVerifier.verify(database, Signer.ephemeral().publicKey()).problems())
                    .extracting(AuditVerifier.Problem::kind).contains("bad-checkpoint-signature");
        }
    }
}
