package io.takedown.bench;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.CaseService;
import io.takedown.cases.Directory;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderOutbox;
import io.takedown.orders.OrderService;
import io.takedown.orders.OutboxMessage;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order outbox relay delivering N signed orders over HTTPS to a range provider, side by side with
 * its anchor: the same relay one delivery at a time (what a send inside the database transaction
 * amounted to), then with the default 64 in flight. Embedded SQLite always; PostgreSQL with
 * {@code --postgres URL} (that database's public schema is WIPED). Prints a Markdown table.
 *
 * <pre>bench/orders.sh [N] [POSTGRES_URL]</pre>
 */
public final class OrderDeliveryBench {

    private OrderDeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = 2000;
        String postgres = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--postgres" -> postgres = args[++i];
                default -> throw new IllegalArgumentException("usage: --n N [--postgres URL]");
            }
        }
        World world = World.generate(42, RangeSize.SMALL);
        BenchTable table = new BenchTable("Database", "In flight", "Orders", "Sign + queue (orders/s)",
                "Deliver + receipt (orders/s)", "Received", "Redeliveries");
        List<String> databases = new ArrayList<>(List.of("sqlite"));
        if (postgres != null) {
            databases.add(postgres);
        }
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.now())).start()) {
            for (String target : databases) {
                for (int parallelism : new int[] {1, 64}) {
                    Path dir = Files.createTempDirectory("takedown-order-bench");
                    String url = target.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("bench.db") : wipe(target);
                    try (Database database = Database.open(url)) {
                        Result r = run(database, range, world, n, parallelism);
                        table.row(target.equals("sqlite") ? "SQLite (embedded)" : "PostgreSQL", parallelism, n,
                                BenchTable.fmt(r.queuedPerSecond, 0), BenchTable.fmt(r.deliveredPerSecond, 0),
                                r.received, r.redeliveries);
                    }
                    System.err.printf("done: %s, %d in flight%n", target.equals("sqlite") ? "sqlite" : "postgresql",
                            parallelism);
                }
            }
        }
        System.out.print(table.markdown());
    }

    private record Result(double queuedPerSecond, double deliveredPerSecond, int received, int redeliveries) {
    }

    private static Result run(Database database, RangeServer range, World world, int n, int parallelism) {
        Clock clock = Clock.systemUTC();
        AuditLog audit = new AuditLog(database.dialect(), Signer.ephemeral(), clock);
        range.issuerKeys().publish("BENCH-CA", audit.signer().publicKey());
        Directory directory = new Directory(database, audit);
        CaseService cases = new CaseService(database, audit, clock);
        OrderService orders = new OrderService(database, directory, audit, clock);
        String provider = world.outlets().getFirst().providers().getFirst();
        directory.addAgency(Optional.empty(), "BENCH-CA", "bench authority", "NL", AgencyKind.COMPETENT_AUTHORITY,
                Optional.empty());
        Actor admin = directory.addUser(Optional.empty(), "admin", "BENCH-CA", Set.of(Role.ADMIN));
        directory.addAgency(Optional.of(admin), "BENCH-HOST", "bench host", "NL", AgencyKind.PROVIDER,
                Optional.of(range.tlsNoticeEndpoint(provider).toString()));
        Actor analyst = directory.addUser(Optional.of(admin), "ana", "BENCH-CA", Set.of(Role.ANALYST));
        Actor approver = directory.addUser(Optional.of(admin), "bert", "BENCH-CA", Set.of(Role.APPROVER));
        long caseId = cases.createCase(analyst, "bench", Handling.GREEN, false).id();
        List<Long> ids = new ArrayList<>();
        String prefix = "https://reniva-courier.test/bench/" + System.nanoTime() + "/";
        for (int i = 0; i < n; i++) {
            long item = cases.addItem(analyst, caseId, prefix + i + ".html", Optional.empty(), Map.of(), List.of(),
                    Handling.GREEN).id();
            long id = orders.draft(analyst, item, "BENCH-HOST", "Art. 3", "bench", true, "en").id();
            orders.approve(approver, id);
            ids.add(id);
        }
        long start = System.nanoTime();
        for (long id : ids) {
            orders.send(approver, id);
        }
        double queued = n / ((System.nanoTime() - start) / 1e9);
        DeliverySettings settings = DeliverySettings.defaults(List.of(range.ca().certificate()))
                .withParallelism(parallelism);
        OrderOutbox outbox = new OrderOutbox(database, audit, clock);
        OrderDelivery delivery = new OrderDelivery(outbox, settings.transport(), settings, clock);
        int before = range.deliveriesPerKey().values().stream().mapToInt(Integer::intValue).sum();
        start = System.nanoTime();
        delivery.deliverPending(n);
        double delivered = n / ((System.nanoTime() - start) / 1e9);
        int after = range.deliveriesPerKey().values().stream().mapToInt(Integer::intValue).sum();
        int received = outbox.counts().getOrDefault(OutboxMessage.State.DELIVERED, 0);
        return new Result(queued, delivered, received, after - before - n);
    }

    private static String wipe(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return url;
    }
}
