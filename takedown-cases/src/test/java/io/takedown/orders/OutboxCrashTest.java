package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Handling;
import io.takedown.audit.Signer;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.range.Notice;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A relay SIGKILLed in the middle of delivering hundreds of orders: once its lease runs out another relay
 * finishes, and every order is received by its provider exactly once (the range acts once per
 * idempotency key and counts repeats).
 */
class OutboxCrashTest {

    @TempDir
    Path dir;

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void relayKilledMidDispatch_noOrderLostOrDuplicated(TestDatabases.Target target) throws Exception {
        Path keys = dir.resolve("keys");
        int orders = 60;
        try (RangeServer range = new RangeServer(OrderConcurrencyTest.WORLD, RangeClock.manual(Instant.now())).start();
             LegalFixture f = new LegalFixture(target.open(), Signer.inDirectory(keys), Clock.systemUTC())) {
            Path pem = OrderConcurrencyTest.wire(f, range, dir);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                long item = f.item("https://reniva-courier.test/bulk/" + i + ".html", Handling.GREEN);
                long id = f.orders.draft(f.analyst, item, "HOST-NL", "Art. 3", "synthetic", true, "en").id();
                f.orders.approve(f.approver, id);
                f.orders.send(f.approver, id);
                ids.add(id);
            }
            Children.Child relay = Children.start(target.url(), keys, pem, "deliver", "100000");
            relay.ready.await();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (range.deliveriesPerKey().size() < orders / 4 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            relay.process.destroyForcibly(); // SIGKILL mid-dispatch: some delivered, some acknowledged, some not
            relay.process.waitFor(30, TimeUnit.SECONDS);
            int beforeRestart = range.deliveriesPerKey().size();
            long sentAtKill = ids.stream().filter(id -> f.orders.get(f.approver, id).status() == OrderStatus.SENT).count();

            Thread.sleep(3_500); // the dead relay's lease (3 s) runs out
            DeliverySettings settings = DeliverySettings.defaults(List.of(range.ca().certificate()))
                    .withLease(Duration.ofSeconds(3));
            OrderDelivery next = new OrderDelivery(f.outbox, settings.transport(), settings, Clock.systemUTC());
            next.deliverPending(100_000);

            for (long id : ids) {
                assertThat(f.orders.get(f.approver, id).status()).as("order %d", id).isEqualTo(OrderStatus.SENT);
            }
            List<Notice> notices = range.notices().values().stream()
                    .filter(n -> n.url().startsWith("https://reniva-courier.test/bulk/")).toList();
            assertThat(notices).as("one notice per order").hasSize(orders);
            assertThat(notices.stream().map(Notice::url).distinct()).hasSize(orders);
            assertThat(range.deliveriesPerKey()).hasSize(orders);
            assertThat(beforeRestart).as("the dead relay had delivered some").isPositive();
            assertThat(sentAtKill).as("... and not completed all of them").isLessThan(orders);
            assertThat(range.deliveriesPerKey().values().stream().mapToInt(Integer::intValue).sum())
                    .as("redelivered what the dead relay delivered but did not complete")
                    .isGreaterThanOrEqualTo(orders);
            assertThat(f.outbox.counts()).containsOnlyKeys(OutboxMessage.State.DELIVERED);
        }
    }
}
