package io.takedown.monitor;

import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.CaseService;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.store.Database;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A crawl in its own JVM, for {@link CrashResumeTest} to kill: {@code DB-URL WARC-DIR PROXY-PORT DOMAIN}.
 * Adds the outlet on first start, then crawls through the range's proxy until done (or killed); a restart after
 * the cycle finished does nothing.
 */
public final class CrawlChild {

    private CrawlChild() {
    }

    public static void main(String[] args) {
        Clock clock = Clock.systemUTC();
        try (Database database = Database.open(args[0])) {
            AuditLog audit = new AuditLog(database.dialect(), Signer.ephemeral(), clock);
            MonitorService monitor = new MonitorService(new FrontierStore(database, clock), Path.of(args[1]), audit,
                    new CaseService(database, audit, clock), () -> query -> List.of(), Channels.readers(), clock,
                    256 * 1024);
            if (monitor.outlets().isEmpty()) {
                monitor.addOutlet("outlet", List.of("http://" + args[3] + "/"), List.of(), Optional.empty());
            }
            // A kill can land after the cycle finished (on a fast machine the whole crawl fits in the test's random
            // delay); the restarted child must then not begin a second cycle, which would fetch every URL again.
            boolean finishedBefore = monitor.store().lastCycle().map(c -> c.finishedAt().isPresent()).orElse(false);
            if (finishedBefore) {
                System.out.println("done already");
                return;
            }
            CrawlSummary summary = monitor.crawlOnce(CrawlRequest.of(Route.proxy(new InetSocketAddress("127.0.0.1",
                    Integer.parseInt(args[2]))), CrawlSettings.RANGE.withInFlight(8)));
            System.out.println("done " + summary.result().fetched());
        }
    }
}
