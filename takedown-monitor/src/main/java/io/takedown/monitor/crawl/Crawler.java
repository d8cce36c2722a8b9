package io.takedown.monitor.crawl;

import io.takedown.monitor.evidence.Exchange;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.takedown.monitor.evidence.WarcArchive;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.Discovered;
import io.takedown.monitor.frontier.FrontierEntry;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.monitor.frontier.MonitoredOutlet;
import io.takedown.monitor.frontier.Outcome;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl run over the persistent frontier. A dispatcher reads queued URLs from the store a window at a
 * time and hands each to a virtual thread, which waits for its host (robots.txt, concurrency, delay) and
 * fetches with retries. The CPU work of a fetch (WARC records compressed and appended, links extracted,
 * content hashed) then runs on a small pool of platform threads, one per core, so it overlaps the fetches
 * still waiting on the network and never holds the virtual threads' carriers. One committer thread then,
 * per batch: forces the WARC files to disk, and in one transaction records the captures, queues the links
 * found and marks the URLs done. A kill at any point loses nothing committed and refetches only what was
 * not. Content fetched unchanged since the last cycle is written as a revisit and not analysed again: its
 * signals and contents were recorded with the capture it revisits.
 */
public final class Crawler {

    private static final Logger LOG = LoggerFactory.getLogger(Crawler.class);

    private final FrontierStore store;
    private final WarcArchive archive;
    private final LoopbackHttp http;
    private final ContentExtractor extractor = new ContentExtractor();
    private final CaptureAnalyzer analyzer;
    private final CrawlSettings settings;
    private final Clock clock;
    private final FrontierStore.AuditHook audit;

    public Crawler(FrontierStore store, WarcArchive archive, LoopbackHttp http, CaptureAnalyzer analyzer,
                   CrawlSettings settings, Clock clock, FrontierStore.AuditHook audit) {
        this.store = store;
        this.archive = archive;
        this.http = http;
        this.analyzer = analyzer;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
    }

    /** Crawls until the cycle's frontier is empty, {@code stop} says so, or the URL budget is spent. */
    public CrawlResult run(long cycle, List<MonitoredOutlet> outlets, CrawlListener listener, BooleanSupplier stop)
            throws InterruptedException {
        Run run = new Run(cycle, outlets, listener);
        long started = System.nanoTime();
        Thread committer = Thread.ofPlatform().name("takedown-monitor-commit").start(run::commitLoop);
        // Declared first so it is closed last: the workers (closed first) are done submitting by then.
        try (ExecutorService cpu = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                     Thread.ofPlatform().name("takedown-monitor-analyse-", 0).daemon().factory());
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            run.cpu = cpu;
            long after = 0;
            long dispatched = 0;
            while (!stop.getAsBoolean() && (settings.maxUrls() == 0 || dispatched < settings.maxUrls())) {
                int window = Math.max(settings.inFlight() * 4, 256);
                List<FrontierEntry> batch = store.claim(after, window);
                if (batch.isEmpty()) {
                    // Links found by fetches still running arrive with higher ids: wait for them, then look again.
                    if (run.inFlight.availablePermits() == settings.inFlight() && run.pending.isEmpty()
                            && run.uncommitted.get() == 0) {
                        if (store.claim(after, 1).isEmpty()) {
                            break;
                        }
                        continue;
                    }
                    Thread.sleep(5);
                    continue;
                }
                for (FrontierEntry entry : batch) {
                    if (stop.getAsBoolean() || (settings.maxUrls() != 0 && dispatched >= settings.maxUrls())) {
                        break;
                    }
                    after = entry.id();
                    run.inFlight.acquire();
                    run.uncommitted.incrementAndGet();
                    dispatched++;
                    workers.submit(() -> {
                        try {
                            run.process(entry);
                        } finally {
                            run.inFlight.release();
                        }
                    });
                }
            }
        }
        run.finished = true;
        committer.join();
        if (run.failure != null) {
            throw new IllegalStateException("crawl could not record its captures: " + run.failure.getMessage(),
                    run.failure);
        }
        return new CrawlResult(run.fetched.get(), run.failed.get(), run.newItems.get(), run.revisits.get(),
                run.blocked.get(), run.bytes.get(), Duration.ofNanos(System.nanoTime() - started),
                Map.copyOf(run.byKind));
    }

    /** State of one run. */
    private final class Run {
        final long cycle;
        final Map<Long, MonitoredOutlet> outlets = new LinkedHashMap<>();
        final CrawlListener listener;
        final Semaphore inFlight = new Semaphore(settings.inFlight());
        final BlockingQueue<Outcome> pending = new LinkedBlockingQueue<>();
        final AtomicLong uncommitted = new AtomicLong();
        final HostPoliteness politeness = new HostPoliteness(settings.perHost());
        final Map<String, CompletableFuture<BaseRobotRules>> robots = new ConcurrentHashMap<>();
        final AtomicLong fetched = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong newItems = new AtomicLong();
        final AtomicLong revisits = new AtomicLong();
        final AtomicLong blocked = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong finishedCount = new AtomicLong();
        final Map<String, Long> byKind = new ConcurrentHashMap<>();
        volatile boolean finished;
        volatile Exception failure;
        volatile ExecutorService cpu;

        Run(long cycle, List<MonitoredOutlet> outlets, CrawlListener listener) {
            this.cycle = cycle;
            outlets.forEach(o -> this.outlets.put(o.id(), o));
            this.listener = listener;
        }

        void process(FrontierEntry entry) {
            Outcome outcome;
            try {
                outcome = fetchAndRecord(entry);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                uncommitted.decrementAndGet();
                return;
            } catch (RuntimeException | IOException e) {
                LOG.warn("capture of {} failed: {}", entry.url(), e.toString());
                failed.incrementAndGet();
                outcome = new Outcome(entry, true, Optional.of(e.toString()), Optional.empty(), List.of(), List.of());
            }
            pending.add(outcome);
        }

        Outcome fetchAndRecord(FrontierEntry entry) throws IOException, InterruptedException {
            MonitoredOutlet outlet = outlets.get(entry.outletId());
            URI uri = URI.create(entry.url());
            String host = entry.host();
            BaseRobotRules rules = robots(entry, outlet);
            if (!rules.isAllowed(entry.url())) {
                blocked.incrementAndGet();
                return new Outcome(entry, true, Optional.of("disallowed by robots.txt"), Optional.empty(), List.of(),
                        List.of());
            }
            Exchange exchange = fetch(host, uri);
            java.util.concurrent.Future<Outcome> recorded = cpu.submit(() -> record(entry, outlet, uri, exchange));
            try {
                return recorded.get();
            } catch (java.util.concurrent.ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    default -> throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                // Not interrupted: an interrupt in the middle of a WARC append would close the archive's file for
                // every other fetch. The work is short; its records, never committed, are fetched again next run.
                recorded.cancel(false);
                throw e;
            }
        }

        /** Writes the fetch's WARC records, extracts and analyses it: CPU work, on the analysis pool. */
        Outcome record(FrontierEntry entry, MonitoredOutlet outlet, URI uri, Exchange exchange) throws IOException {
            String host = entry.host();
            String digest = WarcArchive.payloadDigest(exchange.body());
            boolean sameAsBefore = entry.lastDigest().map(digest::equals).orElse(false)
                    && entry.lastRecordId().isPresent() && entry.lastDate().isPresent();
            Optional<WarcArchive.Previous> previous = sameAsBefore
                    ? Optional.of(new WarcArchive.Previous(entry.lastRecordId().get(), uri, entry.lastDate().get()))
                    : Optional.empty();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("takedown-outlet", outlet == null ? "?" : outlet.name());
            fields.put("takedown-rule", entry.via());
            fields.put("takedown-depth", Integer.toString(entry.depth()));
            fields.put("takedown-cycle", Long.toString(cycle));
            WarcArchive.Written written = archive.writeFetch(exchange, digest, fields, previous);
            Extracted extracted = extractor.extract(uri, exchange.declaredType(), exchange.body(), entry.via());
            CaptureAnalyzer.Analysis analysis = exchange.status() == 200 && !written.revisit()
                    ? analyzer.analyze(entry, exchange, extracted, written.response(), cycle, archive)
                    : CaptureAnalyzer.Analysis.NONE;
            List<Discovered> discovered = new ArrayList<>();
            if (exchange.redirect() && entry.depth() < settings.maxDepth() + settings.limits().maxRedirects()) {
                String location = exchange.header("location").orElseThrow();
                addInScope(discovered, outlet, uri.resolve(location.trim()).toString(), entry.depth() + 1, "redirect");
            }
            if (exchange.status() == 200 && entry.depth() < settings.maxDepth()) {
                for (Link link : extracted.links()) {
                    addInScope(discovered, outlet, link.url(), entry.depth() + 1, link.via());
                }
                for (Link link : analysis.links()) {
                    addInScope(discovered, outlet, link.url(), entry.depth() + 1, link.via());
                }
            }
            fetched.incrementAndGet();
            bytes.addAndGet(exchange.body().length);
            byKind.merge(extracted.kind(), 1L, Long::sum);
            if (written.revisit()) {
                revisits.incrementAndGet();
            } else if (exchange.status() == 200 && !entry.lastDigest().map(written.payloadDigest()::equals).orElse(false)) {
                newItems.incrementAndGet();
            }
            CaptureRow row = new CaptureRow(0, entry.outletId(), cycle, entry.url(), FrontierStore.canonical(entry.url()),
                    host, exchange.started(), exchange.status(), extracted.mediaType(),
                    written.revisit() ? "revisit" : "response", exchange.body().length,
                    Optional.of(written.payloadDigest()), written.response().file(), written.response().offset(),
                    written.response().length(), written.response().recordId(), analysis.signals(), extracted.channel("web"),
                    Optional.empty(), Optional.empty());
            return new Outcome(entry, true, Optional.empty(), Optional.of(row), analysis.children(), discovered);
        }


        private void addInScope(List<Discovered> out, MonitoredOutlet outlet, String url, int depth, String via) {
            URI uri;
            try {
                uri = URI.create(url).normalize();
            } catch (IllegalArgumentException e) {
                return;
            }
            String host = uri.getHost();
            if (outlet == null || host == null || !"http".equalsIgnoreCase(uri.getScheme()) || !outlet.inScope(host)) {
                return;
            }
            out.add(new Discovered(outlet.id(), uri.toString(), host.toLowerCase(Locale.ROOT), depth, via));
        }

        Exchange fetch(String host, URI uri) throws IOException, InterruptedException {
            IOException last = null;
            Exchange response = null;
            for (int attempt = 0; attempt <= settings.retries(); attempt++) {
                if (attempt > 0) {
                    Thread.sleep(settings.backoff().multipliedBy(1L << Math.min(10, attempt - 1)));
                }
                politeness.acquire(host);
                try {
                    response = http.get(uri, settings.limits());
                    if (response.status() != 429 && response.status() < 500) {
                        return response;
                    }
                } catch (IOException e) {
                    last = e;
                } finally {
                    politeness.release(host);
                }
            }
            if (response != null) {
                return response; // the server kept failing: its answer is still evidence
            }
            throw last;
        }

        BaseRobotRules robots(FrontierEntry entry, MonitoredOutlet outlet) throws InterruptedException {
            CompletableFuture<BaseRobotRules> mine = new CompletableFuture<>();
            CompletableFuture<BaseRobotRules> existing = robots.putIfAbsent(entry.host(), mine);
            if (existing != null) {
                try {
                    return existing.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    return new SimpleRobotRulesParser().failedFetch(500);
                }
            }
            BaseRobotRules rules;
            URI robotsUri = URI.create("http://" + entry.host() + portOf(entry.url()) + "/robots.txt");
            FrontierEntry robotsEntry = new FrontierEntry(-1, entry.outletId(), robotsUri.toString(), entry.host(), 0,
                    "robots", cycle, Optional.empty(), Optional.empty(), Optional.empty());
            try {
                Exchange exchange = fetch(entry.host(), robotsUri);
                SimpleRobotRulesParser parser = new SimpleRobotRulesParser(settings.maxCrawlDelay().toMillis(), 50);
                rules = exchange.status() == 200
                        ? parser.parseContent(robotsUri.toString(), exchange.body(), "text/plain",
                        List.of("takedownmonitor"))
                        : parser.failedFetch(exchange.status());
                Map<String, String> fields = Map.of("takedown-outlet", outlet == null ? "?" : outlet.name(),
                        "takedown-rule", "robots", "takedown-cycle", Long.toString(cycle));
                WarcArchive.Written written = archive.writeFetch(exchange, fields, Optional.empty());
                List<Discovered> sitemaps = new ArrayList<>();
                for (String sitemap : rules.getSitemaps()) {
                    addInScope(sitemaps, outlet, sitemap, 1, "sitemap");
                }
                CaptureRow row = new CaptureRow(0, entry.outletId(), cycle, robotsUri.toString(),
                        FrontierStore.canonical(robotsUri.toString()), entry.host(), exchange.started(),
                        exchange.status(), "text/plain", "response", exchange.body().length,
                        Optional.of(written.payloadDigest()), written.response().file(), written.response().offset(),
                        written.response().length(), written.response().recordId(), Map.of(), "web", Optional.empty(),
                        Optional.empty());
                uncommitted.incrementAndGet();
                pending.add(new Outcome(robotsEntry, true, Optional.empty(), Optional.of(row), List.of(), sitemaps));
            } catch (IOException e) {
                rules = new SimpleRobotRulesParser().failedFetch(500);
            }
            long crawlDelay = rules.getCrawlDelay();
            Duration delay = settings.minDelay();
            if (settings.honourCrawlDelay() && crawlDelay != BaseRobotRules.UNSET_CRAWL_DELAY) {
                Duration asked = Duration.ofMillis(Math.min(crawlDelay, settings.maxCrawlDelay().toMillis()));
                delay = asked.compareTo(delay) > 0 ? asked : delay;
            }
            politeness.delay(entry.host(), delay);
            mine.complete(rules);
            return rules;
        }

        private String portOf(String url) {
            int port = URI.create(url).getPort();
            return port < 0 || port == 80 ? "" : ":" + port;
        }

        void commitLoop() {
            List<Outcome> batch = new ArrayList<>();
            try {
                while (true) {
                    Outcome first = pending.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (finished && pending.isEmpty()) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    long deadline = System.nanoTime() + 25_000_000L; // a batch waits at most 25 ms for company
                    while (batch.size() < settings.batch()) {
                        Outcome next = pending.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                    archive.sync();
                    List<CaptureRow> stored = store.commit(batch, cycle, audit);
                    uncommitted.addAndGet(-batch.size());
                    long done = finishedCount.addAndGet(batch.stream().filter(o -> o.entry().id() > 0).count());
                    batch.clear();
                    listener.committed(stored);
                    listener.progress(done, done + pending.size());
                }
            } catch (Exception e) {
                failure = e;
                LOG.error("committing captures failed", e);
                // Keep draining so workers never block; nothing more is recorded in this run.
                while (!finished || !pending.isEmpty()) {
                    if (pending.poll() != null) {
                        uncommitted.decrementAndGet();
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        }
    }
}
