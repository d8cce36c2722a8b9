package io.takedown.monitor;

import io.takedown.audit.AuditLog;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.cases.CaseService;
import io.takedown.monitor.capture.CaptureMatching;
import io.takedown.monitor.capture.CaseLinker;
import io.takedown.monitor.capture.ChannelReader;
import io.takedown.monitor.capture.SignalAnalyzer;
import io.takedown.monitor.crawl.CrawlResult;
import io.takedown.monitor.crawl.Crawler;
import io.takedown.monitor.crawl.LoopbackHttp;
import io.takedown.monitor.evidence.WarcArchive;
import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.monitor.frontier.MonitoredOutlet;
import io.takedown.monitor.frontier.Outcome;
import io.takedown.monitor.ingest.FileIngest;
import io.takedown.monitor.ingest.IngestRequest;
import io.takedown.monitor.ingest.IngestSummary;
import io.takedown.core.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The monitor's use cases: watch an outlet, run a crawl cycle over every watched outlet (resuming one a
 * killed run left unfinished), show where the crawl stands, and find captures. Each cycle writes its own
 * WARC files under {@code DATA_DIR/warcs}; each committed batch of captures gets one audit entry, whose
 * sequence number the captures carry as their audit-log reference.
 */
public final class MonitorService {

    public static final String SOFTWARE = "Takedown monitor 0.1 (jwarc)";

    private final FrontierStore store;
    private final Path warcFolder;
    private final AuditLog audit;
    private final CaseService cases;
    private final Supplier<Function<MatchQuery, List<MatchResult>>> matcher;
    private final List<ChannelReader> channels;
    private final Clock clock;
    private final long rotateBytes;

    public MonitorService(FrontierStore store, Path warcFolder, AuditLog audit, CaseService cases,
                          Supplier<Function<MatchQuery, List<MatchResult>>> matcher, List<ChannelReader> channels,
                          Clock clock, long rotateBytes) {
        this.store = store;
        this.warcFolder = warcFolder;
        this.audit = audit;
        this.cases = cases;
        this.matcher = matcher;
        this.channels = List.copyOf(channels);
        this.clock = clock;
        this.rotateBytes = rotateBytes;
    }

    public FrontierStore store() {
        return store;
    }

    public Path warcFolder() {
        return warcFolder;
    }

    /** Starts watching an outlet: its seeds, and its domains (the seeds' hosts when none are given). */
    public MonitoredOutlet addOutlet(String name, List<String> seeds, List<String> domains, Optional<String> agency) {
        return store.addOutlet(name, seeds, domains, agency);
    }

    /** Puts a mirror (e.g. one the infrastructure line proposed and an analyst confirmed) in an outlet's scope. */
    public MonitoredOutlet confirmMirror(String outlet, String domain) {
        return store.confirmMirror(outlet, domain);
    }

    public List<MonitoredOutlet> outlets() {
        return store.outlets();
    }

    /** Runs one cycle (or finishes the one a stopped run left) over every watched outlet. */
    public CrawlSummary crawlOnce(CrawlRequest request) {
        List<MonitoredOutlet> outlets = store.outlets();
        if (outlets.isEmpty()) {
            throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.NOT_FOUND,
                    "no outlet is monitored yet; add one with 'monitor add-outlet'");
        }
        Optional<Long> unfinished = store.unfinishedCycle();
        long cycle = unfinished.orElseGet(() -> store.startCycle(outlets));
        String agency = request.actor().map(a -> a.agency()).orElse("monitor");
        String actorName = request.actor().map(a -> a.name()).orElse("monitor");
        CaseLinker linker = request.actor().isPresent() || !request.caseOwners().isEmpty()
                ? linker(request::caseOwner) : null;
        CaptureMatching matching = matching(linker, request.listener());
        FrontierStore.AuditHook auditHook = (connection, outcomes) -> audit.append(connection, actorName, agency,
                "monitor-captured", "cycle:" + cycle, batchDigest(outcomes));
        CrawlResult result;
        try (WarcArchive archive = new WarcArchive(warcFolder, rotateBytes, clock, SOFTWARE);
             LoopbackHttp http = new LoopbackHttp(request.route(), request.settings().userAgent(), clock)) {
            Crawler crawler = new Crawler(store, archive, http, new SignalAnalyzer(channels), request.settings(), clock,
                    auditHook);
            result = crawler.run(cycle, outlets, matching, request.stop());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence archive in " + warcFolder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.IO,
                    "crawl interrupted; it resumes on the next run", e);
        }
        boolean complete = !request.stop().getAsBoolean()
                && (request.settings().maxUrls() == 0 || store.claim(0, 1).isEmpty());
        if (complete) {
            store.finishCycle(cycle, new FrontierStore.CycleCounts(result.fetched(), result.failed(), result.newItems(),
                    result.revisits(), matching.hits()));
        }
        return new CrawlSummary(cycle, unfinished.isPresent(), complete, result, matching.matched(), matching.hits(),
                linker == null ? 0 : linker.itemsAdded());
    }

    /**
     * Takes in files a person hands over for a watched outlet (newsletters, mailboxes, packages, images,
     * pages): each is kept as evidence, opened, hashed and matched like a crawled capture, in batches of
     * {@value #INGEST_BATCH} files, each batch one transaction with its audit entry. Files that cannot be
     * taken are refused with their reason and the others go on.
     */
    public IngestSummary ingest(IngestRequest request) {
        MonitoredOutlet outlet = store.outlet(request.outlet()).orElseThrow(() -> new io.takedown.core.TakedownException(
                io.takedown.core.TakedownException.Kind.NOT_FOUND, "no watched outlet named '" + request.outlet()
                + "'; add it with 'monitor add-outlet'"));
        String agency = request.actor().map(a -> a.agency()).orElse("monitor");
        String by = request.actor().map(a -> a.name()).orElse("monitor");
        CaseLinker linker = request.actor().isEmpty() ? null : linker(o -> request.actor());
        CaptureMatching matching = matching(linker, request.listener());
        FrontierStore.AuditHook auditHook = (connection, outcomes) -> audit.append(connection, by, agency,
                "monitor-ingested", "outlet:" + outlet.name(), batchDigest(outcomes));
        List<CaptureRow> captured = new ArrayList<>();
        List<IngestSummary.Refused> refused = new ArrayList<>();
        long inside = 0;
        try (WarcArchive archive = new WarcArchive(warcFolder, rotateBytes, clock, SOFTWARE)) {
            FileIngest ingest = new FileIngest(new SignalAnalyzer(channels), archive, clock);
            List<Outcome> batch = new ArrayList<>();
            int done = 0;
            for (IngestRequest.Source source : request.files()) {
                try {
                    batch.add(ingest.take(source, outlet, by, request.maxBytes()));
                } catch (FileIngest.RefusedException e) {
                    refused.add(new IngestSummary.Refused(source.file(), e.getMessage()));
                }
                done++;
                if (batch.size() == INGEST_BATCH || done == request.files().size()) {
                    archive.sync(); // the records are on disk before the rows that name them
                    List<CaptureRow> stored = store.commit(batch, FileIngest.NO_CYCLE, auditHook);
                    for (CaptureRow row : stored) {
                        if (row.parentId().isEmpty()) {
                            captured.add(row);
                        } else {
                            inside++;
                        }
                    }
                    matching.committed(stored);
                    batch.clear();
                }
                request.listener().progress(done, request.files().size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence archive in " + warcFolder, e);
        }
        return new IngestSummary(captured, inside, refused, matching.matched(), matching.hits(),
                linker == null ? 0 : linker.itemsAdded());
    }

    private static final int INGEST_BATCH = 100;

    /** Opens or extends the case of a capture's outlet, by the user {@code owner} names for that outlet. */
    private CaseLinker linker(Function<MonitoredOutlet, Optional<io.takedown.access.Actor>> owner) {
        return new CaseLinker(cases, store, owner, id -> store.outlets().stream().filter(o -> o.id() == id).findFirst());
    }

    /** Matches committed captures; hits go to {@code linker} when there is one and are counted either way. */
    private CaptureMatching matching(CaseLinker linker, io.takedown.monitor.crawl.CrawlListener listener) {
        return new CaptureMatching(matcher.get(), hit -> {
            if (linker != null) {
                linker.link(hit);
            }
        }, listener);
    }

    public MonitorStatus status() {
        return new MonitorStatus(store.outlets(), store.counts(), store.lastCycle(),
                store.captureCount());
    }

    /** Captures by host, URL, time, outlet or cycle, for mirror detection and resurfacing. */
    public List<CaptureRow> captures(CaptureQuery query, int limit) {
        return store.captures(query, limit);
    }

    /** A commitment to the batch: how many captures and the SHA-256 of their record ids in order. */
    private static String batchDigest(List<Outcome> outcomes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            int n = 0;
            for (Outcome outcome : outcomes) {
                if (outcome.capture().isPresent()) {
                    sha.update(outcome.capture().get().recordId().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) '\n');
                    n++;
                }
            }
            return "captures=" + n + " records-sha256=" + Hex.encode(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
