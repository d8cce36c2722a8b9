package io.takedown.bench;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.operations.board.Board;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.range.Provider;
import io.takedown.range.RangeClock;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An action day at scale: {@code --orders} removal orders spread over {@code --providers} simulated providers
 * on loopback, planned, frozen, approved and struck at H-hour through the composition root, exactly as the
 * CLI does. Reports the spread between the first and the last send, the send latency (p50, p99) and whether
 * every order was acknowledged or its failure recorded. Setup (cases, drafts, approvals) is not timed.
 *
 * <pre>bench/action-day.sh [ORDERS] [PROVIDERS] [--parallelism N] [--database URL] [--home DIR]</pre>
 *
 * <p>Orders go over HTTPS (range CA) through the order outbox with idempotency keys; copies of cross-border
 * orders wait out of band (no host-state authority endpoints here), so the sends measured are the orders'.
 */
public final class ActionDayBench {

    private ActionDayBench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = 10_000;
        int providers = 500;
        String database = null;
        int parallelism = 256;
        Path home = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" -> orders = Integer.parseInt(args[++i]);
                case "--providers" -> providers = Integer.parseInt(args[++i]);
                case "--database" -> database = args[++i];
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (home == null) {
            // tmpfs when there is one: the setup (tens of thousands of small transactions) is not what is measured.
            Path shm = Path.of("/dev/shm");
            home = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "takedown-action-bench")
                    : Files.createTempDirectory("takedown-action-bench");
        }
        // A world whose provider count is what the bench needs: World makes outlets + 2 providers.
        World world = World.generate(7, new RangeSize("bench", Math.max(3, providers - 2), 1, 0, 0));
        RangeClock clock = RangeClock.manual(Instant.parse("2026-06-01T04:00:00Z"));
        TakedownConfig config = TakedownConfig.embedded(home).withClock(clock);
        if (database != null) {
            config = config.withDatabase(database);
        }
        try (Takedown platform = Takedown.open(config); RangeServer server = new RangeServer(world, clock).start()) {
            long setup = System.nanoTime();
            var directory = platform.directory();
            directory.addAgency(Optional.empty(), "EU-HUB", "hub", "NL", AgencyKind.COORDINATOR, Optional.empty());
            Actor admin = directory.addUser(Optional.empty(), "admin", "EU-HUB", Set.of(Role.ADMIN));
            Actor coordinator = directory.addUser(Optional.of(admin), "cora", "EU-HUB", Set.of(Role.COORDINATOR));
            directory.addAgency(Optional.of(admin), "NL-IRU", "unit", "NL", AgencyKind.COMPETENT_AUTHORITY,
                    Optional.empty());
            Actor analyst = directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
            Actor approver = directory.addUser(Optional.of(admin), "bert", "NL-IRU", Set.of(Role.APPROVER));
            List<Provider> hosts = world.providers().subList(0, providers);
            for (Provider provider : hosts) {
                String code = "P-" + provider.id().substring(provider.id().lastIndexOf('-') + 1);
                directory.addAgency(Optional.of(admin), code, provider.name(), provider.country(), AgencyKind.PROVIDER,
                        Optional.of(server.tlsNoticeEndpoint(provider.id()).toString()));
            }
            Instant hHour = clock.instant().plus(Duration.ofHours(13));
            ActionDay day = platform.actionPlanning().create(coordinator, "bench", hHour, List.of("NL-IRU"));
            int perProvider = orders / providers;
            int made = 0;
            for (int p = 0; p < providers; p++) {
                int count = p < orders % providers ? perProvider + 1 : perProvider;
                if (count == 0) {
                    continue;
                }
                String code = "P-" + hosts.get(p).id().substring(hosts.get(p).id().lastIndexOf('-') + 1);
                long caseId = platform.cases().createCase(analyst, "provider " + code, Handling.AMBER, false).id();
                for (int i = 0; i < count; i++) {
                    platform.cases().addItem(analyst, caseId, "http://bench-" + p + ".test/item/" + i + ".html",
                            Optional.empty(), Map.of(), List.of(), Handling.AMBER);
                }
                platform.actionPlanning().addTargets(analyst, day.id(), TargetRequest.orders(caseId, code,
                        "synthetic bench item"));
                made += count;
                if (p % 50 == 49) {
                    System.err.printf("setup: %d orders drafted%n", made);
                }
            }
            platform.actionPlanning().freeze(coordinator, day.id());
            platform.goNoGo().approve(approver, day.id());
            DeliverySettings delivery = DeliverySettings.defaults(List.of(server.ca().certificate()))
                    .withParallelism(parallelism);
            // Art. 3(2): each provider's procedures notice, queued by the approval, 12 hours before H-hour.
            var notices = platform.orderDelivery(delivery).deliverPending(Integer.MAX_VALUE);
            System.err.printf("setup: %d procedures notices delivered%n", notices.delivered());
            clock.advance(Duration.between(clock.instant(), hHour));
            double setupSeconds = (System.nanoTime() - setup) / 1e9;

            StrikeReport report = platform.strike().strike(coordinator, day.id(), platform.dispatcher(delivery));
            Board board = platform.boards().board(coordinator, day.id());
            board.held().stream().limit(3).forEach(line -> System.err.println("not sent: " + line.reason()));
            long received = server.notices().size();
            long repeats = server.deliveriesPerKey().values().stream().mapToLong(n -> n - 1).sum();

            BenchTable table = new BenchTable("Measure", "Value");
            table.row("orders / providers", made + " / " + providers);
            table.row("fired", report.fired());
            table.row("acknowledged (2xx)", report.delivered());
            table.row("still queued (retrying)", report.queued());
            table.row("failed, recorded", report.failed());
            table.row("notices the providers received (repeats of a key)", received + " (" + repeats + ")");
            table.row("deliveries in flight at most", parallelism);
            table.row("board: sent / acknowledged", board.total().sent() + " / " + board.total().acknowledged());
            table.row("spread first to last send (ms)", BenchTable.fmt(report.spread().toNanos() / 1e6, 1));
            table.row("send latency p50 (ms)", BenchTable.fmt(report.p50().toNanos() / 1e6, 2));
            table.row("send latency p99 (ms)", BenchTable.fmt(report.p99().toNanos() / 1e6, 2));
            table.row("strike, decisions to all recorded (s)", BenchTable.fmt(report.elapsed().toNanos() / 1e9, 2));
            table.row("setup, not timed above (s)", BenchTable.fmt(setupSeconds, 1));
            System.out.print(table.markdown());
            boolean complete = report.delivered() + report.failed() == report.fired() && report.fired() == made;
            System.out.println(complete ? "every order acknowledged or its failure recorded"
                    : "INCOMPLETE: some orders neither acknowledged nor recorded as failed");
        }
    }
}
