package io.takedown.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Handling;
import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.Directory;
import io.takedown.cases.ReferralService;
import io.takedown.operations.board.Board;
import io.takedown.operations.dispatch.OutboxDispatcher;
import io.takedown.operations.dispatch.Strike;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.orders.OrderOutbox;
import io.takedown.orders.OrderService;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.range.Notice;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.tls.RangeCa;
import io.takedown.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strike killed with SIGKILL in the middle of the dispatch, in a separate JVM, then run again: no order is
 * lost and none is acted on twice. The range's provider counts deliveries per idempotency key; a message
 * that was delivered but not yet recorded when the process died is delivered again under the same key, and
 * the provider answers it without acting again.
 */
class StrikeCrashTest {

    @TempDir
    Path dir;

    private static final int ORDERS = 24;

    @Test
    void strike_killedMidDispatch_resumesWithoutLosingOrDuplicatingAnOrder() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("crash.db");
        Path keys = dir.resolve("keys");
        World world = World.generate(42, RangeSize.SMALL);
        RangeClock rangeClock = RangeClock.manual(Instant.parse("2026-03-02T08:00:00Z"));
        try (RangeServer range = new RangeServer(world, rangeClock).start()) {
            Path ca = dir.resolve("range-ca.pem");
            Files.writeString(ca, RangeCa.pem(range.ca().certificate()));
            long actionId;
            Instant hHour;
            try (OperationsFixture f = new OperationsFixture(Database.open(url), Signer.inDirectory(keys))) {
                String provider = world.providers().getFirst().id();
                f.directory.setEndpoint(f.admin, "HOST-IE", Optional.of(range.tlsNoticeEndpoint(provider).toString()));
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < ORDERS; i++) {
                    urls.add("http://outlet-one.test/articles/" + i + ".html");
                }
                long caseId = f.caseWith(f.nlAnalyst, Handling.AMBER, urls.toArray(String[]::new));
                ActionDay day = f.planning.create(f.coordinator, "Crash", f.clock.now.plus(Duration.ofHours(2)),
                        List.of("NL-IRU"));
                f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(caseId, "HOST-IE", "r")
                        .emergency("attack under way"));
                f.planning.freeze(f.coordinator, day.id());
                f.goNoGo.approve(f.nlApprover, day.id());
                actionId = day.id();
                hHour = day.hHour();
                // The go signed every order with NL-IRU's own key and held it (with its host-state copy): nothing
                // went out, no clock runs.
                List<io.takedown.orders.OutboxMessage> held = new io.takedown.orders.OrderStaging(f.database, f.audit)
                        .held(OutboxDispatcher.holdTag(actionId));
                assertThat(held).filteredOn(m -> m.kind() == io.takedown.orders.OutboxMessage.Kind.ORDER)
                        .hasSize(ORDERS);
                assertThat(held).filteredOn(m -> m.kind() == io.takedown.orders.OutboxMessage.Kind.SCRUTINY_COPY)
                        .hasSize(ORDERS);
                assertThat(range.deliveriesPerKey()).isEmpty();
                // The provider knows the issuing authority's published key, and acts on nothing else.
                range.issuerKeys().publish("NL-IRU", f.keys.get("NL-IRU").publicKey());
            }
            rangeClock.advance(Duration.between(rangeClock.instant(), hHour)); // the providers live at H-hour too

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StrikeChild.class.getName(), url, keys.toString(),
                    ca.toString(), hHour.toString(), Long.toString(actionId), "cora")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (range.deliveriesPerKey().size() < 4 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child must still be dispatching: " + Files.readString(
                    dir.resolve("child.log"))).isTrue();
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            int before = range.deliveriesPerKey().size();
            assertThat(before).isBetween(4, ORDERS - 1);

            // Resume after the dead relay's lease ran out.
            Clock later = Clock.fixed(hHour.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
            try (Database database = Database.open(url)) {
                AuditLog audit = new AuditLog(database.dialect(), Signer.inDirectory(keys), later);
                Directory directory = new Directory(database, audit);
                OrderService orders = new OrderService(database, directory, audit, later);
                DeliverySettings settings = DeliverySettings.defaults(List.of(range.ca().certificate()));
                OrderOutbox outbox = new OrderOutbox(database, audit, later);
                StrikeReport resumed = new Strike(database, directory, audit, later).strike(directory.actor("cora"),
                        actionId, new OutboxDispatcher(orders, new ReferralService(database, directory, audit, later),
                                outbox, new io.takedown.orders.OrderStaging(database, audit), settings.transport(),
                                settings, later));
                assertThat(resumed.fired() + resumed.alreadySent()).isEqualTo(ORDERS);

                Board board = new io.takedown.operations.board.BoardService(database, later)
                        .board(directory.actor("cora"), actionId);
                assertThat(board.total().sent()).isEqualTo(ORDERS);
                assertThat(board.total().acknowledged()).isEqualTo(ORDERS);
            }
            // Every order reached the provider, and the provider acted on each exactly once.
            Map<String, Long> actedOn = range.notices().values().stream()
                    .collect(Collectors.groupingBy(Notice::url, Collectors.counting()));
            assertThat(actedOn).hasSize(ORDERS).allSatisfy((u, n) -> assertThat(n).as(u).isEqualTo(1L));
            assertThat(range.deliveriesPerKey()).hasSize(ORDERS);
            // Each hour runs from the provider's first receipt (H-hour), not from the redelivery after the crash.
            try (Database database = Database.open(url)) {
                AuditLog audit = new AuditLog(database.dialect(), Signer.inDirectory(keys), Clock.systemUTC());
                Directory directory = new Directory(database, audit);
                OrderService orders = new OrderService(database, directory, audit, Clock.systemUTC());
                for (io.takedown.operations.plan.Target target : new io.takedown.operations.plan.ActionPlanning(database,
                        directory, orders, new ReferralService(database, directory, audit, Clock.systemUTC()), audit,
                        code -> Signer.ephemeral(), Clock.systemUTC()).targets(directory.actor("cora"), actionId)) {
                    var order = orders.get(directory.actor("bert"), target.orderId().getAsLong());
                    assertThat(order.receivedAt()).hasValue(hHour);
                    assertThat(order.deadlineAt()).hasValue(hHour.plus(Duration.ofHours(1)));
                }
            }
        }
    }
}
