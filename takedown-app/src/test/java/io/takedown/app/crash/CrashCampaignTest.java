package io.takedown.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.witness.WitnessHome;
import io.takedown.audit.witness.WitnessServer;
import io.takedown.banks.EntryState;
import io.takedown.orders.OrderStatus;
import io.takedown.orders.RemovalOrder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash campaign: SIGKILL a process doing mixed writes at a random moment, again and again. After each
 * kill every acknowledged write is there, the audit log verifies (against the copy outside the database and
 * the cosigned checkpoint), and the witness accepts the next checkpoint. {@code verify} runs a few kills;
 * {@code ./mvnw -Pcrash ...} runs the campaign (see docs/operations.md); the figure is in docs/benchmarks.md.
 */
class CrashCampaignTest {

    @TempDir
    Path home;

    record Ack(String kind, long id, String detail) {
    }

    @Test
    void everyAcknowledgedWrite_survivesEveryKill() throws Exception {
        int kills = Integer.getInteger("takedown.crash.kills", 3);
        long seed = Long.getLong("takedown.crash.seed", 42L);
        Random random = new Random(seed);
        WitnessHome witnessHome = new WitnessHome(home.resolve("partner-witness"));
        var witnessKey = witnessHome.init("witness.partner.test/w1");
        try (Takedown platform = Takedown.open(TakedownConfig.embedded(home))) {
            var directory = platform.directory();
            directory.addAgency(Optional.empty(), "NL-IRU", "unit", "NL", AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
            Actor admin = directory.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
            directory.addAgency(Optional.of(admin), "HOST-NL", "host", "NL", AgencyKind.PROVIDER, Optional.empty());
            directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
            directory.addUser(Optional.of(admin), "bert", "NL-IRU", Set.of(Role.APPROVER));
            directory.addUser(Optional.of(admin), "otto", "NL-IRU", Set.of(Role.AUDITOR));
            platform.banks().createBank("crash", "crash campaign", false, OptionalInt.empty(), OptionalInt.empty(), "ana");
            witnessHome.trust(platform.audit().verifier(platform.database()));
        }
        long acknowledged = 0;
        try (WitnessServer witness = WitnessServer.start(witnessHome.open(Clock.systemUTC()), 0)) {
            try (Takedown platform = Takedown.open(TakedownConfig.embedded(home))) {
                platform.cosigning().add(witness.url(), witnessKey);
                platform.cosigning().cosign();
            }
            for (int kill = 0; kill < kills; kill++) {
                List<Ack> acks = runAndKill(kill, 100 + random.nextInt(1500));
                acknowledged += acks.size();
                check(acks, kill);
                if ((kill + 1) % 25 == 0) {
                    System.out.printf("crash campaign: %d/%d kills, %d acknowledged writes, all present%n", kill + 1,
                            kills, acknowledged);
                }
            }
        }
        System.out.printf("crash campaign: %d kills, %d acknowledged writes, all present; log verified and cosigned "
                + "after each%n", kills, acknowledged);
        assertThat(acknowledged).isGreaterThan(0);
    }

    private List<Ack> runAndKill(int run, int millis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), CrashWorkload.class.getName(), home.toString(), Integer.toString(run))
                .redirectError(home.resolve("workload-" + run + ".err").toFile()).start();
        List<Ack> acks = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        String[] parts = line.split(" ", 4);
                        synchronized (acks) {
                            acks.add(new Ack(parts[1], Long.parseLong(parts[2]), parts.length > 3 ? parts[3] : ""));
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies
            }
        });
        // Mostly after the first acknowledged write (a loaded machine may take seconds to get there), sometimes
        // already during start-up: both are random moments of a real crash.
        boolean duringStartUp = millis % 10 == 0;
        long giveUp = System.nanoTime() + 60_000_000_000L;
        synchronized (acks) {
            while (!duringStartUp && acks.isEmpty() && child.isAlive() && System.nanoTime() < giveUp) {
                acks.wait(100);
            }
        }
        Thread.sleep(millis);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, mid-transaction, mid-write
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join();
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private void check(List<Ack> acks, int kill) {
        try (Takedown platform = Takedown.open(TakedownConfig.embedded(home))) {
            Actor approver = platform.directory().actor("bert");
            Actor analyst = platform.directory().actor("ana");
            for (Ack ack : acks) {
                switch (ack.kind()) {
                    case "order" -> {
                        RemovalOrder order = platform.orders().get(approver, ack.id());
                        assertThat(order.status()).as("kill %d, order %d", kill, ack.id()).isEqualTo(OrderStatus.SENT);
                        assertThat(order.deadlineAt()).hasValue(Instant.parse(ack.detail()));
                    }
                    case "bank-add" -> assertThat(platform.banks().entry(ack.id()).signal().value()).isEqualTo(ack.detail());
                    case "bank-remove" -> assertThat(platform.banks().entry(ack.id()).state())
                            .isInstanceOf(EntryState.Removed.class);
                    case "item" -> assertThat(platform.cases().viewItem(analyst, ack.id()).id()).isEqualTo(ack.id());
                    default -> throw new AssertionError("unknown ack " + ack);
                }
            }
            AuditVerifier.Report report = platform.auditReview().verify(platform.directory().actor("otto"));
            assertThat(report.problems()).as("kill %d", kill).isEmpty();
            var cosigned = platform.cosigning().cosign();
            assertThat(Checkpoint.of(cosigned).size()).isEqualTo(report.entries());
        }
    }
}
