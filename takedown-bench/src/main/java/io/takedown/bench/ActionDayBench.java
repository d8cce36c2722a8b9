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
 * <pre>bench/action-day.sh [ORDERS] [PROVIDERS] [--postgres JDBC-URL] [--postgres-only] [--http-client jetty|jdk]
 *     [--providers-in-process]</pre>
 *
 * <p>The providers run in a JVM of their own at the lowest CPU priority ({@link ProvidersProcess}): they stand for
 * other machines, and in the sender's JVM their TLS, HTTP/2 and signature checks took most of the two cores
 * during the burst. The strike sends with Jetty's HTTP client, as the product does; {@code --http-client jdk}
 * and {@code --providers-in-process} give the earlier arrangement to compare.
 *
 * <p>The go signs and holds every order in batches (timed: orders per second); shortly before H-hour the
 * strike loads the held orders and opens one connection per provider (HTTP/2 by ALPN); at H-hour it decides,
 * releases and sends everything at once from memory, and records acknowledgements in batches. Orders go over
 * HTTPS (range CA) with idempotency keys, and each provider verifies the order against NL-IRU's published key;
 * the copies of cross-border orders wait out of band (no host-state authority endpoints here), so the sends
 * measured are the orders'. The PostgreSQL database's public schema is wiped: use a bench database.
 */
public final class ActionDayBench {

    private ActionDayBench() {
    }

    /** The simulated providers, in this JVM or in a process of their own ({@link ProvidersProcess}). */
    interface Providers extends AutoCloseable {
        java.security.cert.X509Certificate ca();

        java.net.URI endpoint(String providerId);

        /** The providers check orders against the agency keys published in this data directory. */
        void trust(Path dataDirectory) throws Exception;

        /** Range time now (receipts carry it). */
        void at(Instant now) throws Exception;

        /** Notices taken, and deliveries of an idempotency key beyond its first. */
        long[] count() throws Exception;
    }

    /** The providers served by this JVM: the arrangement before {@link ProvidersProcess}, kept to compare. */
    private record InProcess(RangeServer server) implements Providers {
        @Override
        public java.security.cert.X509Certificate ca() {
            return server.ca().certificate();
        }

        @Override
        public java.net.URI endpoint(String providerId) {
            return server.tlsNoticeEndpoint(providerId);
        }

        @Override
        public void trust(Path dataDirectory) {
            server.issuerKeys().trustDirectory(dataDirectory);
        }

        @Override
        public void at(Instant now) {
            // shares the bench's clock
        }

        @Override
        public long[] count() {
            return new long[] {server.notices().size(),
                    server.deliveriesPerKey().values().stream().mapToLong(n -> n - 1).sum()};
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** One database's run. */
    private record Run(String database, String client, int orders, int providers, double goSeconds, double prepareSeconds,
                       Map<String, Long> protocols, StrikeReport report, long received, long repeats,
                       int boardSent, int boardAcknowledged) {
    }

    public static void main(String[] args) throws Exception {
        int orders = 10_000;
        int providers = 500;
        List<String> databases = new ArrayList<>(List.of("sqlite"));
        boolean inProcess = false;
        String httpClient = "jetty";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" -> orders = Integer.parseInt(args[++i]);
                case "--providers" -> providers = Integer.parseInt(args[++i]);
                case "--database", "--postgres" -> databases.add(args[++i]);
                case "--postgres-only" -> databases.remove("sqlite");
                case "--providers-in-process" -> inProcess = true;
                case "--http-client" -> httpClient = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Run> runs = new ArrayList<>();
        for (String database : databases) {
            runs.add(run(database, orders, providers, inProcess, httpClient));
        }
        BenchTable table = new BenchTable("Database", "HTTP client", "Orders / providers", "Go: approve + sign + hold (orders/s)",
                "Connections warmed (protocol)", "H-hour to first send (ms)", "Spread first to last send (ms)",
                "Send latency p50 / p99 (ms)", "Acknowledged / failed", "Orders/s (H-hour to last answer recorded)",
                "Repeats of a key");
        for (Run r : runs) {
            StrikeReport report = r.report();
            table.row(r.database(), r.client(), r.orders() + " / " + r.providers(), BenchTable.fmt(r.orders() / r.goSeconds(), 0),
                    r.protocols().toString(), BenchTable.fmt(report.toFirstSend().toNanos() / 1e6, 1),
                    BenchTable.fmt(report.spread().toNanos() / 1e6, 1),
                    BenchTable.fmt(report.p50().toNanos() / 1e6, 1) + " / " + BenchTable.fmt(report.p99().toNanos() / 1e6, 1),
                    report.delivered() + " / " + report.failed(),
                    BenchTable.fmt(report.delivered() / (report.elapsed().toNanos() / 1e9), 0), r.repeats());
        }
        System.out.print(table.markdown());
        for (Run r : runs) {
            boolean complete = r.report().delivered() + r.report().failed() == r.report().fired()
                    && r.report().fired() == r.orders() && r.received() == r.report().delivered();
            System.out.printf("%s: %s; go %.1f s, connections warmed in %.1f s; board %d sent / %d acknowledged%n",
                    r.database(), complete ? "every order acknowledged or its failure recorded, each acted on once"
                            : "INCOMPLETE: some orders neither acknowledged nor recorded as failed", r.goSeconds(),
                    r.prepareSeconds(), r.boardSent(), r.boardAcknowledged());
        }
    }

    private static Run run(String database, int orders, int providers, boolean inProcess, String httpClient)
            throws Exception {
        // tmpfs when there is one: the setup (tens of thousands of small transactions) is not what is measured.
        Path shm = Path.of("/dev/shm");
        Path home = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "takedown-action-bench")
                : Files.createTempDirectory("takedown-action-bench");
        // A world whose provider count is what the bench needs: World makes outlets + 2 providers.
        World world = ProvidersProcess.world(providers);
        RangeClock clock = RangeClock.manual(Instant.parse("2026-06-01T04:00:00Z"));
        TakedownConfig config = TakedownConfig.embedded(home).withClock(clock);
        String label = "SQLite (embedded)";
        if (!database.equals("sqlite")) {
            config = config.withDatabase(wipe(database));
            label = "PostgreSQL";
        }
        try (Takedown platform = Takedown.open(config);
             Providers server = inProcess ? new InProcess(new RangeServer(world, clock).start())
                     : ProvidersProcess.Handle.start(providers, clock.instant(), home)) {
            // The providers check every order against its issuing authority's published key.
            server.trust(home);
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
                directory.addAgency(Optional.of(admin), code(provider), provider.name(), provider.country(),
                        AgencyKind.PROVIDER, Optional.of(server.endpoint(provider.id()).toString()));
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
                long caseId = platform.cases().createCase(analyst, "provider " + code(hosts.get(p)), Handling.AMBER,
                        false).id();
                for (int i = 0; i < count; i++) {
                    platform.cases().addItem(analyst, caseId, "http://bench-" + p + ".test/item/" + i + ".html",
                            Optional.empty(), Map.of(), List.of(), Handling.AMBER);
                }
                platform.actionPlanning().addTargets(analyst, day.id(), TargetRequest.orders(caseId, code(hosts.get(p)),
                        "synthetic bench item"));
                made += count;
                if (p % 100 == 99) {
                    System.err.printf("%s setup: %d orders drafted%n", label, made);
                }
            }
            platform.actionPlanning().freeze(coordinator, day.id());
            // The go: every order approved, signed with NL-IRU's own key and held in the outbox, in batches.
            long go = System.nanoTime();
            platform.goNoGo().approve(approver, day.id());
            double goSeconds = (System.nanoTime() - go) / 1e9;
            System.err.printf("%s: go for %d orders in %.1f s%n", label, made, goSeconds);
            // A burst of thousands on a loaded machine: answers may take longer than the default 20 s.
            DeliverySettings delivery = DeliverySettings.defaults(List.of(server.ca()))
                    .withTimeout(Duration.ofMinutes(2));
            // Art. 3(2): each provider's procedures notice, queued by the approval, 12 hours before H-hour.
            server.at(clock.instant());
            var notices = platform.orderDelivery(delivery).deliverPending(Integer.MAX_VALUE);
            System.err.printf("%s: %d procedures notices delivered%n", label, notices.delivered());
            clock.advance(Duration.between(clock.instant(), hHour).minusSeconds(10));
            // Shortly before H-hour: the held orders loaded, a connection opened to every provider.
            // The strike's HTTP client: Jetty's (the product's choice) or the JDK's, to compare.
            var dispatcher = platform.dispatcher(delivery, () -> DispatchTransportBench.transport(httpClient, delivery));
            long prepare = System.nanoTime();
            platform.strike().prepare(coordinator, day.id(), dispatcher);
            double prepareSeconds = (System.nanoTime() - prepare) / 1e9;
            Map<String, Long> protocols = new java.util.TreeMap<>();
            if (dispatcher instanceof io.takedown.operations.dispatch.OutboxDispatcher outbox) {
                outbox.warmed().values().forEach(v -> protocols.merge(v.startsWith("failed") ? "failed" : v, 1L, Long::sum));
            }
            clock.advance(Duration.ofSeconds(10));
            server.at(clock.instant());

            System.err.printf("%s: strike starts at %s%n", label, Instant.now());
            StrikeReport report = platform.strike().strike(coordinator, day.id(), dispatcher);
            System.err.printf("%s: strike returned at %s%n", label, Instant.now());
            Board board = platform.boards().board(coordinator, day.id());
            board.held().stream().limit(3).forEach(line -> System.err.println("not sent: " + line.reason()));
            long[] counts = server.count();
            long received = counts[0];
            long repeats = counts[1];
            return new Run(label, httpClient + (inProcess ? ", providers in process" : ""), made, providers, goSeconds,
                    prepareSeconds, protocols, report, received, repeats, board.total().sent(),
                    board.total().acknowledged());
        } finally {
            deleteQuietly(home);
        }
    }

    private static String code(Provider provider) {
        return "P-" + provider.id().substring(provider.id().lastIndexOf('-') + 1);
    }

    private static String wipe(String url) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return url;
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            // a scratch directory left behind is harmless
        }
    }
}
