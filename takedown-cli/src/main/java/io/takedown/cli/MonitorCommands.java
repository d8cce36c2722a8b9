package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.core.InvalidInputException;
import io.takedown.monitor.CrawlRequest;
import io.takedown.monitor.CrawlSummary;
import io.takedown.monitor.MonitorStatus;
import io.takedown.monitor.crawl.CrawlListener;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.MonitoredOutlet;
import io.takedown.monitor.ingest.IngestRequest;
import io.takedown.monitor.ingest.IngestSummary;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code takedown monitor ...}: watch outlets, crawl them, show where the crawl stands. */
final class MonitorCommands {

    private MonitorCommands() {
    }

    @Command(name = "monitor", description = "Crawl outlets and their channels; keep every fetch as WARC evidence.",
            subcommands = {AddOutlet.class, ConfirmMirror.class, Crawl.class, Ingest.class, Status.class, Captures.class})
    static final class MonitorCommand extends LegalCommands.Group {
    }

    @Command(name = "add-outlet", description = "Watch an outlet: its seed URLs and domains (default: the seeds' hosts).")
    static final class AddOutlet extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1..*", paramLabel = "SEED-URL", arity = "1..*")
        List<String> seeds = new ArrayList<>();
        @Option(names = "--domain", paramLabel = "DOMAIN", description = "A domain in scope (repeatable): mirrors too.")
        List<String> domains = new ArrayList<>();
        @Option(names = "--agency", paramLabel = "CODE", description = "Agency whose case a match opens.")
        String agency;

        @Override
        int run(Takedown w) {
            MonitoredOutlet outlet = w.monitor().addOutlet(name, seeds, domains, Optional.ofNullable(agency));
            out().printf("watching outlet %s (id %d): %d seed(s), scope %s%n", outlet.name(), outlet.id(),
                    outlet.seeds().size(), String.join(", ", outlet.domains()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "confirm-mirror", description = "Put a confirmed mirror domain in an outlet's scope.")
    static final class ConfirmMirror extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "OUTLET")
        String outlet;
        @Parameters(index = "1", paramLabel = "DOMAIN")
        String domain;

        @Override
        int run(Takedown w) {
            MonitoredOutlet updated = w.monitor().confirmMirror(outlet, domain);
            out().printf("outlet %s scope: %s%n", updated.name(), String.join(", ", updated.domains()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "crawl", description = {"Run a crawl cycle over every watched outlet (resumes an unfinished one).",
        "Range names are reached through the range's forward proxy (--proxy) or a range started in process (--range-seed)."})
    static final class Crawl extends LegalCommands.Legal {
        @Option(names = "--once", description = "One cycle (the default).")
        boolean once;
        @Option(names = "--every", paramLabel = "DURATION", description = "Repeat: a cycle every DURATION (e.g. 10m, 1h, PT30S).")
        String every;
        @Option(names = "--cycles", defaultValue = "0", description = "With --every: stop after N cycles (0: until interrupted).")
        int cycles;
        @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "The range's forward proxy on loopback.")
        String proxy;
        @Option(names = "--range-seed", paramLabel = "SEED", description = "Serve a range in process and crawl it.")
        Long rangeSeed;
        @Option(names = "--range-size", defaultValue = "small", description = "Size of the in-process range.")
        String rangeSize;
        @Option(names = "--max-urls", defaultValue = "0", description = "URLs fetched per cycle at most (0: all).")
        long maxUrls;
        @Option(names = "--delay-ms", description = "Pause between fetches from one host (default: 0 on the range).")
        Long delayMs;
        @Option(names = "--per-host", description = "Fetches at once per host (default 16 on the range).")
        Integer perHost;
        @Option(names = "--no-progress")
        boolean noProgress;

        @Override
        int run(Takedown w) throws Exception {
            if (once && every != null) {
                throw new InvalidInputException(null, "use --once or --every, not both");
            }
            if ((proxy == null) == (rangeSeed == null)) {
                throw new InvalidInputException(null, "name how to reach the range: --proxy HOST:PORT or --range-seed SEED");
            }
            CrawlSettings settings = CrawlSettings.RANGE.withMaxUrls(maxUrls);
            if (delayMs != null || perHost != null) {
                settings = settings.withDelay(Duration.ofMillis(delayMs == null ? 0 : delayMs),
                        perHost == null ? settings.perHost() : perHost);
            }
            Optional<Actor> actor = root().actor == null ? Optional.empty()
                    : Optional.of(w.directory().actor(root().actor()));
            RangeServer range = null;
            try {
                Route route;
                if (rangeSeed != null) {
                    range = new RangeServer(World.generate(rangeSeed, RangeSize.parse(rangeSize)),
                            new RangeClock(Instant.parse("2026-03-01T09:00:00Z"), 60)).start();
                    route = Route.resolver(range::resolve);
                } else {
                    route = Route.proxy(proxyAddress(proxy));
                }
                AtomicBoolean stop = new AtomicBoolean();
                Thread hook = new Thread(() -> stop.set(true));
                Runtime.getRuntime().addShutdownHook(hook);
                Duration interval = every == null ? null : duration(every);
                int done = 0;
                while (true) {
                    CrawlSummary summary = cycle(w, route, settings, actor, stop);
                    print(out(), summary);
                    out().flush();
                    done++;
                    if (interval == null || stop.get() || (cycles > 0 && done >= cycles)) {
                        break;
                    }
                    long until = System.nanoTime() + interval.toNanos();
                    while (!stop.get() && System.nanoTime() < until) {
                        Thread.sleep(200);
                    }
                    if (stop.get()) {
                        break;
                    }
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping
                }
                return ExitCodes.OK;
            } finally {
                if (range != null) {
                    range.close();
                }
            }
        }

        private CrawlSummary cycle(Takedown w, Route route, CrawlSettings settings, Optional<Actor> actor,
                                   AtomicBoolean stop) {
            try (Progress progress = Progress.start("Crawling", 1, !noProgress)) {
                CrawlListener listener = new CrawlListener() {
                    @Override
                    public void progress(long finished, long queuedAtLeast) {
                        progress.update(finished, queuedAtLeast);
                    }
                };
                CrawlRequest request = new CrawlRequest(route, settings, actor, listener, stop::get);
                return w.monitor().crawlOnce(request);
            }
        }

        private static InetSocketAddress proxyAddress(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException(null, "--proxy wants HOST:PORT, e.g. 127.0.0.1:8118");
            }
            try {
                return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(null, "--proxy wants HOST:PORT, e.g. 127.0.0.1:8118");
            }
        }

        static Duration duration(String text) {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
                }
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new InvalidInputException(null, "'" + text + "' is not a duration: use e.g. 30s, 10m, 1h or PT10M");
            }
        }

        static void print(PrintWriter out, CrawlSummary s) {
            var r = s.result();
            out.printf("cycle %d%s%s: %d fetched (%d new, %d revisits), %d failed, %d blocked by robots.txt, %.1f MB in %.1f s "
                            + "(%.0f pages/s)%n", s.cycle(), s.resumed() ? " (resumed)" : "", s.complete() ? "" : " (stopped early)",
                    r.fetched(), r.newItems(), r.revisits(), r.failed(), r.robotsBlocked(), r.bytes() / 1e6,
                    r.elapsed().toNanos() / 1e9, r.pagesPerSecond());
            out.printf("  by kind: %s%n", r.byKind().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("-"));
            out.printf("  matched %d captures against the banks: %d hits, %d case items%n", s.matchedCaptures(), s.hits(),
                    s.caseItems());
        }
    }

    @Command(name = "ingest", description = {"Take in files handed over for a watched outlet (newsletters as .eml or mbox,"
        + " .crx/.xpi/.apk packages, images, pages): kept as WARC evidence, opened, hashed and matched like crawled"
        + " captures; a hit opens or extends the outlet's case when the file's web address is known (--url).",
        "A folder stands for the regular files below it. Files that cannot be taken are listed with the reason."})
    static final class Ingest extends LegalCommands.Legal {
        @Option(names = "--outlet", required = true, paramLabel = "NAME", description = "The watched outlet the files belong to.")
        String outlet;
        @Option(names = "--url", paramLabel = "URL", description = "Where the one FILE was published (http or https).")
        String url;
        @Option(names = "--max-bytes", paramLabel = "N", description = "Refuse larger files (default: the crawler's 32 MiB).")
        Long maxBytes;
        @Option(names = "--no-progress")
        boolean noProgress;
        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<java.nio.file.Path> files = new ArrayList<>();

        @Override
        int run(Takedown w) throws Exception {
            List<java.nio.file.Path> expanded = new ArrayList<>();
            for (java.nio.file.Path file : files) {
                if (java.nio.file.Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (var walk = java.nio.file.Files.walk(file)) {
                        walk.filter(p -> java.nio.file.Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                                .sorted().forEach(expanded::add);
                    }
                } else {
                    expanded.add(file);
                }
            }
            if (url != null && expanded.size() != 1) {
                throw new InvalidInputException(null, "--url names where one file was published; give exactly one FILE");
            }
            List<IngestRequest.Source> sources = expanded.stream().map(f -> new IngestRequest.Source(f,
                    Optional.ofNullable(url).map(Ingest::uri))).toList();
            Optional<Actor> actor = root().actor == null ? Optional.empty() : Optional.of(actor(w));
            IngestSummary summary;
            try (Progress progress = Progress.start("Ingesting", sources.size(), !noProgress)) {
                CrawlListener listener = new CrawlListener() {
                    @Override
                    public void progress(long finished, long total) {
                        progress.update(finished, total);
                    }
                };
                summary = w.monitor().ingest(new IngestRequest(outlet, sources, actor,
                        maxBytes == null ? IngestRequest.DEFAULT_MAX_BYTES : maxBytes, listener));
            }
            PrintWriter out = out();
            try (RowWriter rows = OutputFormat.TABLE.open(out, List.of("capture", "channel", "media_type", "bytes", "url"))) {
                for (CaptureRow c : summary.captured()) {
                    rows.row(Arrays.asList(c.id(), c.channel(), c.mediaType(), c.bytes(), c.url()));
                }
            }
            for (IngestSummary.Refused refused : summary.refused()) {
                out.printf("refused %s: %s%n", refused.file(), refused.reason());
            }
            out.printf("ingested %d of %d file(s) for %s, %d thing(s) inside; matched %d captures: %d hits, %d case items%n",
                    summary.captured().size(), sources.size(), outlet, summary.inside(), summary.matched(), summary.hits(),
                    summary.caseItems());
            return summary.refused().isEmpty() ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
        }

        private static java.net.URI uri(String text) {
            try {
                return new java.net.URI(text.trim());
            } catch (java.net.URISyntaxException e) {
                throw new InvalidInputException(null, "--url '" + text + "' is not a URL: " + e.getReason());
            }
        }
    }

    @Command(name = "status", description = "Outlets, the frontier (queued / done / failed, by host) and the last cycle.")
    static final class Status extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            MonitorStatus status = w.monitor().status();
            PrintWriter out = out();
            for (MonitoredOutlet outlet : status.outlets()) {
                out.printf("outlet %-28s scope %s%s%n", outlet.name(), String.join(", ", outlet.domains()),
                        outlet.caseId().map(c -> "  case " + c).orElse(""));
            }
            out.printf("frontier: %s; captures: %d%n", status.frontier().byState().isEmpty() ? "empty"
                    : status.frontier().byState().toString(), status.captures());
            status.lastCycle().ifPresentOrElse(c -> out.printf("last cycle %d started %s, %s: %d fetched, %d failed, "
                            + "%d new, %d revisits, %d hits%n", c.id(), c.startedAt(),
                    c.finishedAt().map(f -> "finished " + f).orElse("unfinished"), c.counts().fetched(),
                    c.counts().failed(), c.counts().newItems(), c.counts().revisits(), c.counts().hits()),
                    () -> out.println("no cycle yet"));
            try (RowWriter rows = OutputFormat.TABLE.open(out, List.of("host", "queued", "done", "failed"))) {
                status.frontier().byHost().forEach((host, states) -> rows.row(Arrays.asList(host,
                        states.getOrDefault("queued", 0L), states.getOrDefault("done", 0L),
                        states.getOrDefault("failed", 0L))));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "captures", description = "Captures by host or URL, with their evidence references.")
    static final class Captures extends LegalCommands.Legal {
        @Option(names = "--host")
        String host;
        @Option(names = "--url")
        String url;
        @Option(names = "--limit", defaultValue = "100")
        int limit;
        @Option(names = "--format", defaultValue = "table", description = "table, csv or jsonl.")
        String format;

        @Override
        int run(Takedown w) {
            CaptureQuery query = CaptureQuery.all();
            if (host != null) {
                query = query.host(host);
            }
            if (url != null) {
                query = query.url(url);
            }
            try (RowWriter rows = OutputFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)).open(out(), List.of("id", "fetched_at", "status", "kind",
                    "channel", "media_type", "url", "evidence"))) {
                for (CaptureRow c : w.monitor().captures(query, limit)) {
                    rows.row(Arrays.asList(c.id(), c.fetchedAt().toString(), c.status(), c.kind(), c.channel(),
                            c.mediaType(), c.url(), c.evidenceRef()));
                }
            }
            return ExitCodes.OK;
        }
    }
}
