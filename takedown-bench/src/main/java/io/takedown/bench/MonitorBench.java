package io.takedown.bench;

import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
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
import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.range.Article;
import io.takedown.range.Images;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.proxy.RangeProxy;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * The monitor's crawler beside GNU wget ({@code wget --mirror --warc-file}) on the same outlet of the range,
 * in one run, both through the range's forward proxy on loopback: pages per second and the URLs each
 * captured. The monitor's figure includes hashing every capture (MD5, SHA-256, PDQ, text) and matching it
 * against a bank of the outlet's originals; wget only stores.
 *
 * <p>{@code bench/monitor.sh [SIZE] [ARTICLES]} (default medium, the outlet's first 1,000 articles).
 */
public final class MonitorBench {

    private MonitorBench() {
    }

    public static void main(String[] args) throws Exception {
        String size = args.length > 0 ? args[0] : "medium";
        Path out = Path.of(args.length > 1 ? args[1] : "bench-out/monitor");
        Files.createDirectories(out);
        World world = World.generate(42, RangeSize.parse(size));
        Outlet outlet = world.outlets().getFirst();
        String domain = outlet.primaryDomain();
        BenchTable table = new BenchTable("Crawler", "URLs captured", "Pages (HTML)", "Seconds", "URLs/s",
                "Pages/s", "URLs");
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z")))
                .cacheRendered(1L << 30).start();
             RangeProxy proxy = new RangeProxy(range::resolve).start(0)) {
            String proxyUrl = "http://127.0.0.1:" + proxy.address().getPort();

            // A first, untimed crawl warms the range server, the proxy and the monitor's code alike, so the
            // timed runs below all meet a warm server; its data is thrown away. It also fills the range's render
            // cache: every page and image is drawn and encoded once here, so neither timed crawler below pays the
            // range's own rendering (it runs in this JVM and would otherwise be charged to both).
            crawl(out.resolve("monitor-warm-up"), world, outlet, proxy);

            // The monitor on the same outlet, same host scope, through the same proxy.
            Path home = out.resolve("monitor");
            BenchFiles.deleteTree(home);
            Files.createDirectories(home);
            Clock clock = Clock.systemUTC();
            try (Database database = Database.embedded(home)) {
                AuditLog audit = new AuditLog(database.dialect(), Signer.inDirectory(home.resolve("keys")), clock);
                BankStore banks = new BankStore(database, SignalRegistry.discover(), clock);
                bankOriginals(banks, world, outlet, 100);
                MatchService matching = MatchService.open(banks, home.resolve("index"), clock);
                Matcher matcher = matching.matcher(MatchSettings.DEFAULTS);
                MonitorService monitor = new MonitorService(new FrontierStore(database, clock), home.resolve("warcs"),
                        audit, new CaseService(database, audit, clock), () -> matcher::match, Channels.readers(), clock,
                        1L << 30);
                monitor.addOutlet(outlet.name(), List.of("http://" + domain + "/"), List.of(domain), Optional.empty());
                long t1 = System.nanoTime();
                long cpu1 = BenchFiles.jvmCpuNanos();
                CrawlSummary summary = monitor.crawlOnce(CrawlRequest.of(Route.proxy(proxy.address()), CrawlSettings.RANGE));
                double ours = (System.nanoTime() - t1) / 1e9;
                double oursCpu = (BenchFiles.jvmCpuNanos() - cpu1) / 1e9;
                Set<String> ourUrls = monitor.captures(CaptureQuery.all(), Integer.MAX_VALUE).stream()
                        .filter(c -> !c.kind().equals("entry")).map(CaptureRow::url).collect(Collectors.toSet());
                long ourPages = ourUrls.stream().filter(MonitorBench::page).count();
                // GNU wget: one connection, one request at a time, robots.txt honoured, stays on the host.
                Path wgetDir = out.resolve("wget");
                BenchFiles.deleteTree(wgetDir);
                Files.createDirectories(wgetDir);
                long t0 = System.nanoTime();
                long cpu0 = BenchFiles.jvmCpuNanos();
                double children0 = childrenCpuSeconds();
                Process wget = new ProcessBuilder("wget", "--mirror", "--no-verbose", "--page-requisites",
                        "--warc-file=" + wgetDir.resolve("wget").toAbsolutePath(), "--no-warc-keep-log",
                        "-e", "use_proxy=yes", "-e", "http_proxy=" + proxyUrl, "-P", wgetDir.toString(),
                        "http://" + domain + "/")
                        .redirectErrorStream(true).redirectOutput(out.resolve("wget.log").toFile()).start();
                int exit = wget.waitFor();
                double wgetSeconds = (System.nanoTime() - t0) / 1e9;
                double wgetJvmCpu = (BenchFiles.jvmCpuNanos() - cpu0) / 1e9;
                double wgetOwnCpu = childrenCpuSeconds() - children0;
                Set<String> wgetUrls = warcUrls(wgetDir.resolve("wget.warc.gz"));
                long wgetPages = wgetUrls.stream().filter(MonitorBench::page).count();
                System.err.printf("wget exited %d after %.1f s with %d URLs%n", exit, wgetSeconds, wgetUrls.size());
                Set<String> missing = new TreeSet<>(wgetUrls);
                missing.removeAll(ourUrls);

                // GNU wget again, given exactly the URLs the monitor captured: the same work, one at a time.
                Path listDir = out.resolve("wget-list");
                BenchFiles.deleteTree(listDir);
                Files.createDirectories(listDir);
                Path list = out.resolve("monitor-urls.txt");
                Files.write(list, new TreeSet<>(ourUrls));
                long t2 = System.nanoTime();
                long cpu2 = BenchFiles.jvmCpuNanos();
                double children2 = childrenCpuSeconds();
                Process wgetList = new ProcessBuilder("wget", "--no-verbose", "--input-file=" + list.toAbsolutePath(),
                        "--warc-file=" + listDir.resolve("wget").toAbsolutePath(), "--no-warc-keep-log",
                        "-e", "use_proxy=yes", "-e", "http_proxy=" + proxyUrl, "-P", listDir.toString())
                        .redirectErrorStream(true).redirectOutput(out.resolve("wget-list.log").toFile()).start();
                wgetList.waitFor();
                double listSeconds = (System.nanoTime() - t2) / 1e9;
                double listJvmCpu = (BenchFiles.jvmCpuNanos() - cpu2) / 1e9;
                double listOwnCpu = childrenCpuSeconds() - children2;
                Set<String> listUrls = warcUrls(listDir.resolve("wget.warc.gz"));
                long listPages = listUrls.stream().filter(MonitorBench::page).count();

                table.row("GNU wget " + wgetVersion() + " --mirror (1 connection)", wgetUrls.size(), wgetPages,
                        BenchTable.fmt(wgetSeconds, 1), BenchTable.fmt(wgetUrls.size() / wgetSeconds, 1),
                        BenchTable.fmt(wgetPages / wgetSeconds, 1), "all " + wgetUrls.size() + " also captured by "
                                + "the monitor: " + (missing.isEmpty() ? "yes" : "no, " + missing.size() + " missing"));
                table.row("GNU wget " + wgetVersion() + " --input-file (the monitor's URLs)", listUrls.size(), listPages,
                        BenchTable.fmt(listSeconds, 1), BenchTable.fmt(listUrls.size() / listSeconds, 1),
                        BenchTable.fmt(listPages / listSeconds, 1), listUrls.equals(ourUrls) ? "same set" : "differs");
                table.row("Takedown monitor (" + Runtime.getRuntime().availableProcessors() + " cores, hashed + matched)",
                        ourUrls.size(), ourPages, BenchTable.fmt(ours, 1), BenchTable.fmt(ourUrls.size() / ours, 1),
                        BenchTable.fmt(ourPages / ours, 1), "-");
                System.out.println(table.markdown());
                System.out.printf("same work (the monitor's URL set): monitor %.1f URLs/s, wget %.1f URLs/s: %.2fx; "
                        + "matched %d captures, %d hits%n", ourUrls.size() / ours, listUrls.size() / listSeconds,
                        (ourUrls.size() / ours) / (listUrls.size() / listSeconds), summary.matchedCaptures(), summary.hits());
                // CPU seconds spent in the phase: this JVM (range, proxy and, for the monitor, the crawler) plus wget.
                // On a loaded machine wall time is CPU time over the share the scheduler grants.
                System.out.printf("CPU seconds (range and proxy in this JVM + the crawler): wget --mirror %.1f + %.1f, "
                        + "wget --input-file %.1f + %.1f, monitor %.1f (together, in this JVM); load average %.1f%n",
                        wgetJvmCpu, wgetOwnCpu, listJvmCpu, listOwnCpu, oursCpu,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (!missing.isEmpty()) {
                    System.out.println("captured by wget only: " + missing.stream().limit(20).toList());
                }
            }
        }
    }

    private static void crawl(Path home, World world, Outlet outlet, RangeProxy proxy) throws Exception {
        BenchFiles.deleteTree(home);
        Files.createDirectories(home);
        Clock clock = Clock.systemUTC();
        try (Database database = Database.embedded(home)) {
            AuditLog audit = new AuditLog(database.dialect(), Signer.inDirectory(home.resolve("keys")), clock);
            BankStore banks = new BankStore(database, SignalRegistry.discover(), clock);
            bankOriginals(banks, world, outlet, 100);
            Matcher matcher = MatchService.open(banks, home.resolve("index"), clock).matcher(MatchSettings.DEFAULTS);
            MonitorService monitor = new MonitorService(new FrontierStore(database, clock), home.resolve("warcs"),
                    audit, new CaseService(database, audit, clock), () -> matcher::match, Channels.readers(), clock,
                    1L << 30);
            monitor.addOutlet(outlet.name(), List.of("http://" + outlet.primaryDomain() + "/"),
                    List.of(outlet.primaryDomain()), Optional.empty());
            monitor.crawlOnce(CrawlRequest.of(Route.proxy(proxy.address()), CrawlSettings.RANGE));
        }
    }


    /** User + system CPU of the children this JVM has waited for (cutime + cstime of /proc/self/stat), seconds. */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static boolean page(String url) {
        String path = url.replaceFirst("^https?://[^/]+", "");
        return path.equals("/") || path.endsWith(".html") || path.endsWith("/");
    }

    private static void bankOriginals(BankStore banks, World world, Outlet outlet, int n) {
        banks.createBank("bench", "originals", false, OptionalInt.empty(), OptionalInt.empty(), "bench");
        List<NewEntry> entries = new ArrayList<>();
        PdqImageHashing pdq = new PdqImageHashing();
        for (int i = 0; i < n; i++) {
            Article article = world.article(outlet, i);
            PdqResult hash = pdq.hash(new ImageDecoder().decode(Images.png(Images.original(world, article)), article.id()));
            entries.add(NewEntry.of(new Signal("pdq", hash.hash().toHex(), OptionalInt.of(hash.quality())),
                    Set.of("entity:" + outlet.id()), article.id()));
        }
        banks.add("bench", entries, "bench");
    }

    private static Set<String> warcUrls(Path warc) throws IOException {
        Set<String> urls = new HashSet<>();
        if (!Files.exists(warc)) {
            return urls;
        }
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResponse response) {
                    urls.add(response.target());
                }
            }
        }
        return urls;
    }

    private static String wgetVersion() {
        try {
            Process p = new ProcessBuilder("wget", "--version").start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor();
            return first.replaceAll("^GNU Wget ([0-9.]+).*", "$1");
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

}
