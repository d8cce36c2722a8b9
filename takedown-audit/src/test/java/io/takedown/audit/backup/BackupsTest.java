package io.takedown.audit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.audit.AuditLog;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.LogFiles;
import io.takedown.audit.Signer;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Online backup while the log grows, restore verified against the backup's checkpoint, on both databases. */
class BackupsTest {

    @TempDir
    static Path shared;

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(shared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void backupThenRestore_givesBackTheVerifiedLog_andATamperedBackupIsRefused(TestDatabases.Target target,
                                                                             @TempDir Path home) throws Exception {
        Signer signer = Signer.ephemeral();
        LogFiles files = new LogFiles(home.resolve("log"));
        Backups backups = new Backups(target.url(), home, () -> List.of(signer.publicKey()), Clock.systemUTC());
        Path copy = home.resolve("backup-1");
        try (Database database = target.open()) {
            AuditLog log = new AuditLog(database, () -> signer, Clock.systemUTC(), files);
            for (int i = 0; i < 20; i++) {
                int n = i;
                database.inTransaction(c -> log.append(c, "ana", "NL-IRU", "item-viewed", "item:" + n, null));
            }
            assertThat(backups.backup(database, copy).entries()).isEqualTo(20);
            for (int i = 20; i < 25; i++) {
                int n = i;
                database.inTransaction(c -> log.append(c, "ana", "NL-IRU", "item-viewed", "item:" + n, null));
            }
        }
        assertThat(copy.resolve("checkpoint")).exists();
        try (var keys = Files.walk(copy)) {
            assertThat(keys.map(Path::toString)).noneMatch(name -> name.endsWith(".key") || name.endsWith(".p8e"));
        }
        // The data directory has published 25 entries; restoring the 20-entry backup loses 5.
        assertThatThrownBy(() -> backups.restore(copy, false)).isInstanceOf(TakedownException.class)
                .hasMessageContaining("--accept-loss");
        backups.restore(copy, true);
        try (Database restored = target.open()) {
            AuditVerifier.Report report = AuditVerifier.verify(restored, new AuditVerifier.Trust(
                    List.of(signer.publicKey()), List.of(), 0, List.of(), Optional.of(files)));
            assertThat(report.problems()).isEmpty();
            assertThat(report.entries()).isEqualTo(20);
        }
        if (target.url().startsWith("jdbc:sqlite:")) {
            // A backup whose database was changed after the copy does not restore.
            try (Database tampered = Database.open("jdbc:sqlite:" + copy.resolve("takedown.db"))) {
                tampered.inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        return s.executeUpdate("UPDATE audit_log SET actor = 'nobody' WHERE seq = 7");
                    }
                });
            }
            assertThatThrownBy(() -> backups.restore(copy, true)).hasMessageContaining("does not verify");
        }
    }
}
