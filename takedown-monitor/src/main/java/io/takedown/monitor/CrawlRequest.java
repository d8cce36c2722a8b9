package io.takedown.monitor;

import io.takedown.access.Actor;
import io.takedown.monitor.crawl.CrawlListener;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One crawl cycle to run.
 *
 * @param route how range names are reached (the range's resolver in process, or its proxy)
 * @param actor who opens and extends cases on hits; without one, hits are counted and kept with the capture
 * @param caseOwners per agency code, who opens and extends the cases of the outlets that agency watches
 *                   (an outlet's {@link io.takedown.monitor.frontier.MonitoredOutlet#agency()}); outlets of
 *                   other agencies fall back to {@code actor}
 * @param stop asked between fetches; true ends the run early (the cycle resumes next time)
 */
public record CrawlRequest(Route route, CrawlSettings settings, Optional<Actor> actor, Map<String, Actor> caseOwners,
                           CrawlListener listener, BooleanSupplier stop) {

    public CrawlRequest {
        caseOwners = Map.copyOf(caseOwners);
    }

    public CrawlRequest(Route route, CrawlSettings settings, Optional<Actor> actor, CrawlListener listener,
                        BooleanSupplier stop) {
        this(route, settings, actor, Map.of(), listener, stop);
    }

    public static CrawlRequest of(Route route, CrawlSettings settings) {
        return new CrawlRequest(route, settings, Optional.empty(), CrawlListener.NONE, () -> false);
    }

    public CrawlRequest as(Actor who) {
        return new CrawlRequest(route, settings, Optional.of(who), caseOwners, listener, stop);
    }

    /** Cases of an outlet watched for an agency are opened by that agency's user (several agencies, one crawl). */
    public CrawlRequest casesBy(Map<String, Actor> byAgency) {
        return new CrawlRequest(route, settings, actor, byAgency, listener, stop);
    }

    public CrawlRequest listener(CrawlListener other) {
        return new CrawlRequest(route, settings, actor, caseOwners, other, stop);
    }

    public CrawlRequest stop(BooleanSupplier other) {
        return new CrawlRequest(route, settings, actor, caseOwners, listener, other);
    }

    /** Who opens cases for {@code outlet}: its agency's owner, else the acting user. */
    public Optional<Actor> caseOwner(io.takedown.monitor.frontier.MonitoredOutlet outlet) {
        return outlet.agency().map(caseOwners::get).or(() -> actor);
    }
}
