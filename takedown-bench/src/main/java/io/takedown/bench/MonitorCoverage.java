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
import io.takedown.range.Copy;
import io.takedown.range.Images;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.evolution.ChannelSite;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Coverage of a whole range crawl against the range's ground truth: every outlet with its mirrors, in
 * process; pages, media, feed items, newsletters and packages captured, and how many image copies on
 * mirrors matched a bank of the originals (recall, as the demo scores it).
 *
 * <p>{@code bench/monitor.sh coverage [small|medium]}.
 */
public final class MonitorCoverage {

    private MonitorCoverage() {
    }

    public static void main(String[] args) throws Exception {
        RangeSize size = RangeSize.parse(args.length > 0 ? args[0] : "medium");
        Path home = Path.of(args.length > 1 ? args[1] : "bench-out/monitor-coverage");
        if (Files.exists(home)) {
            try (var walk = Files.walk(home)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(home);
        World world = World.generate(42, size);
        Clock clock = Clock.systemUTC();
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"))).start();
             Database database = Database.embedded(home)) {
            AuditLog audit = new AuditLog(database.dialect(), Signer.inDirectory(home.resolve("keys")), clock);
            BankStore banks = new BankStore(database, SignalRegistry.discover(), clock);
            banks.createBank("originals", "every original image", false, OptionalInt.empty(), OptionalInt.empty(), "bench");
            List<NewEntry> entries = new ArrayList<>();
            PdqImageHashing pdq = new PdqImageHashing();
            world.articles().forEach(article -> {
                PdqResult hash = pdq.hash(new ImageDecoder().decode(Images.png(Images.original(world, article)), article.id()));
                entries.add(NewEntry.of(new Signal("pdq", hash.hash().toHex(), OptionalInt.of(hash.quality())),
                        Set.of("entity:" + article.outlet().id()), article.id()));
            });
            banks.add("originals", entries, "bench");
            MatchService matching = MatchService.open(banks, home.resolve("index"), clock);
                Matcher matcher = matching.matcher(MatchSettings.DEFAULTS);
            MonitorService monitor = new MonitorService(new FrontierStore(database, clock), home.resolve("warcs"), audit,
                    new CaseService(database, audit, clock), () -> matcher::match, Channels.readers(), clock, 1L << 30);
            for (Outlet outlet : world.outlets()) {
                monitor.addOutlet(outlet.name(), List.of("http://" + outlet.primaryDomain() + "/"), outlet.domains(),
                        Optional.empty());
            }
            long t0 = System.nanoTime();
            CrawlSummary summary = monitor.crawlOnce(CrawlRequest.of(Route.resolver(range::resolve), CrawlSettings.RANGE));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, CaptureRow> byUrl = new HashMap<>();
            for (CaptureRow c : monitor.captures(CaptureQuery.all(), Integer.MAX_VALUE)) {
                if (c.status() == 200 && !c.kind().equals("entry")) {
                    byUrl.put(c.url(), c);
                }
            }
            Set<String> matchedMedia = new HashSet<>();
            for (CaptureRow c : monitor.captures(CaptureQuery.all(), Integer.MAX_VALUE)) {
                if (c.signals().containsKey("pdq") && !matcher.match(io.takedown.banks.matching.MatchQuery.of(
                        List.of(new Signal("pdq", c.signals().get("pdq"), OptionalInt.of(Integer.parseInt(
                                c.signals().get("pdq_quality"))))))).isEmpty()) {
                    matchedMedia.add(c.url());
                }
            }
            long[] pages = {0, 0};
            long[] media = {0, 0};
            long[] copies = {0, 0};
            world.articles().forEach(article -> {
                count(pages, byUrl, article.url());
                count(media, byUrl, article.imageUrl());
                for (Copy copy : world.copies(article)) {
                    count(pages, byUrl, copy.url());
                    if (copy.image()) {
                        count(media, byUrl, copy.mediaUrl());
                        copies[1]++;
                        if (matchedMedia.contains(copy.mediaUrl())) {
                            copies[0]++;
                        }
                    }
                }
            });
            long[] feedItems = {0, 0};
            long[] newsletters = {0, 0};
            long[] packages = {0, 0};
            for (Outlet outlet : world.outlets()) {
                int published = range.published(outlet);
                for (Article article : ChannelSite.latest(world, outlet, published)) {
                    count(feedItems, byUrl, article.url());
                }
                for (String url : ChannelSite.urls(outlet, published)) {
                    if (url.contains("/newsletters/") && !url.endsWith("/")) {
                        count(newsletters, byUrl, url);
                    } else if (url.contains("/downloads/") && !url.endsWith("/")) {
                        count(packages, byUrl, url);
                    }
                }
            }
            BenchTable table = new BenchTable("Ground truth (" + size.name() + ", seed 42)", "Captured", "Total", "Coverage");
            row(table, "pages (articles and mirror copies)", pages);
            row(table, "media (original and altered images)", media);
            row(table, "feed items (RSS and Atom)", feedItems);
            row(table, "newsletters (issues and mbox)", newsletters);
            row(table, "packages (.xpi, .crx, .apk)", packages);
            row(table, "image copies matched to a banked original", copies);
            System.out.println(table.markdown());
            System.out.printf("crawl: %d fetched in %.0f s (%.0f URLs/s, under whatever load the machine had), "
                    + "%d failed, %d matched captures, %d hits%n", summary.result().fetched(), seconds,
                    summary.result().fetched() / seconds, summary.result().failed(), summary.matchedCaptures(),
                    summary.hits());
        }
    }

    private static void count(long[] tally, Map<String, CaptureRow> byUrl, String url) {
        tally[1]++;
        if (byUrl.containsKey(url)) {
            tally[0]++;
        }
    }

    private static void row(BenchTable table, String what, long[] tally) {
        table.row(what, tally[0], tally[1], BenchTable.fmt(100.0 * tally[0] / Math.max(1, tally[1]), 2) + " %");
    }
}
