package io.takedown.monitor;

import io.takedown.access.Actor;
import io.takedown.monitor.crawl.CrawlListener;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One crawl cycle to run.
 *
 * @param route how range names are reached (the range's resolver in process, or its proxy)
 * @param actor who opens and extends cases on hits; without one, hits are counted and kept with the capture
 * @param stop asked between fetches; true ends the run early (the cycle resumes next time)
 */
public record CrawlRequest(Route route, CrawlSettings settings, Optional<Actor> actor, CrawlListener listener,
                           BooleanSupplier stop) {

    public static CrawlRequest of(Route route, CrawlSettings settings) {
        return new CrawlRequest(route, settings, Optional.empty(), CrawlListener.NONE, () -> false);
    }

    public CrawlRequest as(Actor who) {
        return new CrawlRequest(route, settings, Optional.of(who), listener, stop);
    }

    public CrawlRequest listener(CrawlListener other) {
        return new CrawlRequest(route, settings, actor, other, stop);
    }

    public CrawlRequest stop(BooleanSupplier other) {
        return new CrawlRequest(route, settings, actor, listener, other);
    }
}
