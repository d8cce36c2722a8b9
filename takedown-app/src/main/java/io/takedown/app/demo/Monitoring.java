package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.monitor.CrawlRequest;
import io.takedown.monitor.CrawlSummary;
import io.takedown.monitor.MonitorService;
import io.takedown.monitor.crawl.CrawlListener;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.range.Outlet;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import io.takedown.signals.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The monitor as the demo's authorities use it: each outlet is watched for the authority that leads on it,
 * from its main domain; mirrors join an outlet's scope when an analyst confirms them. A crawl cycle runs over
 * every watched outlet through the range's resolver; each capture is hashed and matched against every bank,
 * and a hit opens or extends the case of the outlet's authority with the capture's evidence reference (the
 * monitor's own capture-to-case path).
 */
final class Monitoring {

    /** One crawl cycle: what the monitor reported, the captures it made, and how long it took. */
    record Cycle(String label, CrawlSummary summary, List<CaptureRow> captures, Duration took) {
    }

    private final World world;
    private final MonitorService monitor;
    private final RangeServer server;
    private final Map<String, Actor> caseOwners;
    private final DemoListener listener;
    private final Map<String, String> nameOf = new LinkedHashMap<>();

    Monitoring(World world, MonitorService monitor, RangeServer server, Map<String, Actor> caseOwners,
               DemoListener listener) {
        this.world = world;
        this.monitor = monitor;
        this.server = server;
        this.caseOwners = Map.copyOf(caseOwners);
        this.listener = listener;
    }

    /** Watches every outlet from its main domain, for its lead authority. */
    void watch(Map<String, String> leadOf) {
        for (Outlet outlet : world.outlets()) {
            String name = outlet.id() + " " + outlet.name();
            monitor.addOutlet(name, List.of("http://" + outlet.primaryDomain() + "/"), List.of(outlet.primaryDomain()),
                    Optional.of(leadOf.get(outlet.id())));
            nameOf.put(outlet.id(), name);
        }
    }

    /** A confirmed mirror joins its outlet's scope, crawled from its home page. */
    void confirm(String outletId, String host) {
        monitor.confirmMirror(nameOf.get(outletId), host);
    }

    /** One mirror watched on its own, for another authority (its own investigation into that site). */
    void watchSeparately(String outletId, String host, String agency) {
        monitor.addOutlet(outletId + " mirror " + host, List.of("http://" + host + "/"), List.of(host),
                Optional.of(agency));
    }

    Cycle crawl(String label) {
        long started = System.nanoTime();
        listener.begin("Crawling (" + label + ")", 1);
        CrawlSummary summary;
        try {
            summary = monitor.crawlOnce(CrawlRequest.of(Route.resolver(server::resolve), CrawlSettings.RANGE)
                    .casesBy(caseOwners).listener(new CrawlListener() {
                        @Override
                        public void progress(long finished, long queuedAtLeast) {
                            listener.progress(finished, finished + queuedAtLeast);
                        }
                    }));
        } finally {
            listener.end();
        }
        List<CaptureRow> captures = monitor.captures(CaptureQuery.all().cycle(summary.cycle()), Integer.MAX_VALUE);
        return new Cycle(label, summary, captures, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The signals of a capture as the matcher takes them. */
    static List<Signal> signals(CaptureRow capture) {
        List<Signal> out = new ArrayList<>();
        capture.signals().forEach((type, value) -> {
            switch (type) {
                case "md5", "sha256", "text" -> out.add(Signal.of(type, value));
                case "pdq" -> {
                    String quality = capture.signals().get("pdq_quality");
                    out.add(new Signal("pdq", value, quality == null ? OptionalInt.empty()
                            : OptionalInt.of(Integer.parseInt(quality))));
                }
                default -> {
                    // pdq_quality and notes are not signals
                }
            }
        });
        return out;
    }
}
