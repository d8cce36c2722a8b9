package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Actor;
import io.takedown.audit.AuditLog;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.Signer;
import io.takedown.cases.Directory;
import io.takedown.store.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a burst of order writes: after a restart every acknowledged order is there
 * with its deadline, and the audit chain verifies.
 */
class CrashRecoveryTest {

    @TempDir
    Path home;

    @Test
    void everyAcknowledgedWriteSurvivesKillMinusNine() throws Exception {
        String url = "jdbc:sqlite:" + home.resolve("takedown.db");
        Path keys = home.resolve("keys");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), CrashWriter.class.getName(), url, keys.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Long, Instant> acknowledged = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && acknowledged.size() < 40) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(Long.parseLong(parts[1]), Instant.parse(parts[2]));
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush, mid-transaction
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(40);

        try (Database reopened = Database.open(url)) {
            Signer signer = Signer.inDirectory(keys);
            Directory directory = new Directory(reopened, new AuditLog(reopened.dialect(), signer, Clock.systemUTC()));
            Actor approver = directory.actor("bert");
            OrderService orders = new OrderService(reopened, directory,
                    new AuditLog(reopened.dialect(), signer, Clock.systemUTC()), Clock.systemUTC());
            for (Map.Entry<Long, Instant> ack : acknowledged.entrySet()) {
                RemovalOrder order = orders.get(approver, ack.getKey());
                assertThat(order.status()).isEqualTo(OrderStatus.SENT);
                assertThat(order.deadlineAt()).hasValue(ack.getValue());
            }
            AuditVerifier.Report report = AuditVerifier.verify(reopened, signer.publicKey());
            assertThat(report.problems()).isEmpty();
            assertThat(report.entries()).isGreaterThan(40 * 4);
            List<RemovalOrder> all = orders.list(approver);
            assertThat(all.size()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
