package io.takedown.bench;

import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.banks.BankStore;
import io.takedown.banks.matching.MatchService;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.Matcher;
import io.takedown.cases.CaseService;
import io.takedown.monitor.Channels;
import io.takedown.monitor.CrawlRequest;
import io.takedown.monitor.CrawlSummary;
import io.takedown.monitor.MonitorService;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.frontier.Discovered;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.monitor.frontier.MonitoredOutlet;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.proxy.RangeProxy;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The monitor's memory with a huge frontier (issue 16: "bounded memory with 1M queued URLs"). The frontier
 * lives in the store and the crawler claims it in windows, so the heap should not grow with the number of
 * queued URLs. The bench queues N URLs of one range outlet in an open cycle, then crawls a fixed budget of
 * them through the range's proxy, hashed and matched as usual, once with a small frontier and once with N,
 * and prints the live heap after collections (sampled every 50 ms during the crawl), the peak RSS and the
 * rate. Run it with a small heap ({@code bench/frontier.sh} passes {@code -Xmx256m}): finishing at all is
 * part of the result.
 *
 * <p>{@code bench/frontier.sh [QUEUED] [FETCHED]} (default 1,000,000 and 20,000).
 */
public final class FrontierBench {

    private FrontierBench() {
    }

    public static void main(String[] args) throws Exception {
        long queued = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long budget = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
        Path out = Path.of(args.length > 2 ? args[2] : "bench-out/frontier");
        Files.createDirectories(out);
        World world = World.generate(42, RangeSize.SMALL);
        Outlet outlet = world.outlets().getFirst();
        BenchTable table = new BenchTable("URLs queued", "Queued in (s)", "Queued rows/s", "Fetched", "Crawl (s)",
                "URLs/s", "Live heap after GC, max (MiB)", "Heap limit (MiB)", "Peak RSS so far (MiB)");
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z")))
                .start();
             RangeProxy proxy = new RangeProxy(range::resolve).start(0)) {
            for (long n : new long[] {Math.min(budget * 2, queued), queued}) {
                Row row = run(out.resolve("queued-" + n), outlet, proxy, n, budget);
                table.row(String.format("%,d", n), BenchTable.fmt(row.queueSeconds, 1),
                        String.format("%,d", Math.round(n / row.queueSeconds)), String.format("%,d", row.fetched),
                        BenchTable.fmt(row.crawlSeconds, 1), BenchTable.fmt(row.fetched / row.crawlSeconds, 0),
                        row.liveHeapMib, Runtime.getRuntime().maxMemory() >> 20, BenchFiles.peakRssMib());
            }
        }
        System.out.println();
        System.out.print(table.markdown());
    }

    private record Row(double queueSeconds, long fetched, double crawlSeconds, long liveHeapMib) {
    }

    private static Row run(Path home, Outlet outlet, RangeProxy proxy, long queued, long budget) throws Exception {
        BenchFiles.deleteTree(home);
        Files.createDirectories(home);
        Clock clock = Clock.systemUTC();
        String domain = outlet.primaryDomain();
        try (Database database = Database.embedded(home)) {
            AuditLog audit = new AuditLog(database.dialect(), Signer.inDirectory(home.resolve("keys")), clock);
            BankStore banks = new BankStore(database, SignalRegistry.discover(), clock);
            MatchService matching = MatchService.open(banks, home.resolve("index"), clock);
            Matcher matcher = matching.matcher(MatchSettings.DEFAULTS);
            FrontierStore store = new FrontierStore(database, clock);
            MonitorService monitor = new MonitorService(store, home.resolve("warcs"), audit,
                    new CaseService(database, audit, clock), () -> matcher::match, Channels.readers(), clock, 1L << 30);
            MonitoredOutlet watched = monitor.addOutlet(outlet.name(), List.of("http://" + domain + "/"),
                    List.of(domain), Optional.empty());
            long started = System.nanoTime();
            long cycle = store.startCycle(store.outlets());
            List<Discovered> chunk = new ArrayList<>();
            for (long i = 0; i < queued; i++) {
                // Paths the outlet's site does not have: each is fetched (a 404, captured) and leads nowhere,
                // so the budget is spent on exactly these URLs after the seed's own pages.
                chunk.add(new Discovered(watched.id(), "http://" + domain + "/archive/queued-" + i + ".html", domain,
                        1, "bench"));
                if (chunk.size() == 50_000) {
                    store.enqueue(chunk, cycle);
                    chunk.clear();
                }
            }
            store.enqueue(chunk, cycle);
            double queueSeconds = (System.nanoTime() - started) / 1e9;
            System.err.printf("queued %,d URLs in %.1f s%n", queued, queueSeconds);

            AtomicLong liveMax = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    liveMax.accumulateAndGet(liveHeapAfterGc(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            CrawlSummary summary = monitor.crawlOnce(CrawlRequest.of(Route.proxy(proxy.address()),
                    CrawlSettings.RANGE.withMaxUrls(budget)));
            double crawlSeconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            sampler.join();
            long fetched = summary.result().fetched() + summary.result().failed();
            System.err.printf("crawled %,d of %,d queued in %.1f s%n", fetched, queued, crawlSeconds);
            return new Row(queueSeconds, fetched, crawlSeconds, liveMax.get() >> 20);
        }
    }

    /** Heap in use right after the last collection of every heap pool: the live set, not garbage. */
    private static long liveHeapAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }
}
