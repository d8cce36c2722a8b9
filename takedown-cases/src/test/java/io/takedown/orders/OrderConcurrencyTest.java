package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Handling;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.Signer;
import io.takedown.core.ManualClock;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transitions that cannot race, shown with real concurrent processes (separate JVMs) on both databases:
 * two sends of one order deliver it once; overlapping escalation runs escalate each order once; the
 * escalation job beside a writer never fails with a busy database.
 */
class OrderConcurrencyTest {

    static final World WORLD = World.generate(42, RangeSize.SMALL);

    @TempDir
    Path dir;

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The fixture's providers and Irish authority at the range's HTTPS endpoints; returns the CA file. */
    static Path wire(LegalFixture f, RangeServer range, Path dir) throws Exception {
        Outlet outlet = WORLD.outlets().getFirst();
        f.directory.setEndpoint(f.admin, "HOST-NL", Optional.of(range.tlsNoticeEndpoint(outlet.providers().getFirst())
                .toString()));
        f.directory.setEndpoint(f.admin, "HOST-IE", Optional.of(range.tlsNoticeEndpoint(outlet.providers().getLast())
                .toString()));
        f.directory.setEndpoint(f.admin, "IE-CA", Optional.of(range.authorityEndpoint("IE").toString()));
        // The issuing authorities' published keys (the fixture signs every agency's orders with one key).
        for (String issuer : List.of("NL-IRU", "DE-CA", "IE-CA")) {
            range.issuerKeys().publish(issuer, f.signer.publicKey());
        }
        Path pem = dir.resolve("range-ca.pem");
        Files.writeString(pem, range.ca().certificatePem());
        return pem;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void twoProcessesSendingOneOrder_deliverItExactlyOnce(TestDatabases.Target target) throws Exception {
        Path keys = dir.resolve("keys");
        try (RangeServer range = new RangeServer(WORLD, RangeClock.manual(Instant.now())).start();
             LegalFixture f = new LegalFixture(target.open(), Signer.inDirectory(keys), Clock.systemUTC())) {
            Path pem = wire(f, range, dir);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long item = f.item("https://reniva-courier.test/race/" + i + ".html", Handling.GREEN);
                long id = f.orders.draft(f.analyst, item, "HOST-IE", "Art. 3", "synthetic", true, "en").id();
                f.orders.approve(f.approver, id);
                ids.add(id);
            }
            String list = String.join(",", ids.stream().map(String::valueOf).toList());
            Path go = dir.resolve("go");
            List<Children.Child> racers = List.of(Children.start(target.url(), keys, pem, "send", list, go.toString()),
                    Children.start(target.url(), keys, pem, "send", list, go.toString()));
            for (Children.Child racer : racers) {
                racer.ready.await();
            }
            Files.createFile(go);
            Map<String, Integer> results = new HashMap<>();
            for (Children.Child racer : racers) {
                assertThat(racer.await()).as("%s", racer.lines).isZero();
                assertThat(racer.lines).noneMatch(line -> line.startsWith("ERROR"));
                racer.lines.stream().filter(l -> !l.equals("READY")).forEach(l -> results.merge(l, 1, Integer::sum));
            }
            for (long id : ids) {
                assertThat(results).as("order %d", id).containsEntry("SENT " + id, 1).containsEntry("CONFLICT " + id, 1);
                assertThat(f.orders.get(f.approver, id).status()).isEqualTo(OrderStatus.SENT);
                for (OutboxMessage m : f.orders.deliveries(f.approver, id)) {
                    assertThat(range.deliveriesPerKey()).containsEntry(m.idempotencyKey(), 1);
                }
            }
            assertThat(range.notices().values()).filteredOn(n -> n.url().contains("/race/")).hasSize(ids.size());
            assertThat(range.authorityCopies().get("IE")).as("one copy per order").hasSize(ids.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void overlappingEscalationRuns_besideAWriter_escalateEachOrderOnce_withoutBusyErrors(TestDatabases.Target target)
            throws Exception {
        Path keys = dir.resolve("keys");
        ManualClock past = new ManualClock(Instant.now().minus(Duration.ofHours(3)));
        try (RangeServer range = new RangeServer(WORLD, RangeClock.manual(Instant.now())).start();
             LegalFixture f = new LegalFixture(target.open(), Signer.inDirectory(keys), past)) {
            Path pem = wire(f, range, dir);
            f.directory.setEndpoint(f.admin, "HOST-NL", Optional.of(LegalFixture.ENDPOINT));
            List<Long> overdue = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                overdue.add(f.received("https://reniva-courier.test/late/" + i + ".html", Handling.GREEN, "HOST-NL").id());
            }
            List<Children.Child> children = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                children.add(Children.start(target.url(), keys, pem, "escalate", "6"));
            }
            children.add(Children.start(target.url(), keys, pem, "write", "6"));
            Map<Long, Integer> escalations = new HashMap<>();
            for (Children.Child child : children) {
                assertThat(child.await()).as("%s", child.lines).isZero();
                assertThat(child.lines).noneMatch(line -> line.startsWith("ERROR"));
                child.lines.stream().filter(l -> l.startsWith("ESCALATED "))
                        .forEach(l -> escalations.merge(Long.parseLong(l.substring(10)), 1, Integer::sum));
            }
            assertThat(children.getLast().lines).filteredOn(l -> l.startsWith("WROTE")).hasSize(6);
            assertThat(escalations.keySet()).containsExactlyInAnyOrderElementsOf(overdue);
            assertThat(escalations.values()).allMatch(n -> n == 1);
            int events = f.database.inTransaction(c -> {
                try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM order_event WHERE kind = 'overdue'");
                     ResultSet rows = q.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(events).isEqualTo(10);
            assertThat(AuditVerifier.verify(f.database, f.signer.publicKey()).problems()).isEmpty();
        }
    }
}
