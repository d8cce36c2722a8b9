package io.takedown.monitor.capture;

import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.monitor.crawl.CrawlListener;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.signals.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Matches every committed capture against all banks and hands the hits on (to open or extend a case
 * item). The matcher is whatever the composition root offers; this class only needs a function from a
 * query to its matches.
 */
public final class CaptureMatching implements CrawlListener {

    /** A capture that matched, with what it matched. */
    public record Hit(CaptureRow capture, List<MatchResult> matches) {
    }

    private final Function<MatchQuery, List<MatchResult>> matcher;
    private final java.util.function.Consumer<Hit> onHit;
    private final CrawlListener next;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();

    public CaptureMatching(Function<MatchQuery, List<MatchResult>> matcher, java.util.function.Consumer<Hit> onHit,
                           CrawlListener next) {
        this.matcher = matcher;
        this.onHit = onHit;
        this.next = next;
    }

    public long hits() {
        return hits.get();
    }

    /** Captures looked up (those with signals). */
    public long matched() {
        return matched.get();
    }

    @Override
    public void committed(List<CaptureRow> captures) {
        for (CaptureRow capture : captures) {
            if (capture.kind().equals("revisit") || capture.signals().isEmpty()) {
                continue; // a revisit's payload was matched when first captured
            }
            List<Signal> signals = signalsOf(capture.signals());
            if (signals.isEmpty()) {
                continue;
            }
            matched.incrementAndGet();
            List<MatchResult> results = matcher.apply(MatchQuery.of(signals)).stream()
                    .filter(r -> !r.suppressed()).toList();
            if (!results.isEmpty()) {
                hits.incrementAndGet();
                onHit.accept(new Hit(capture, results));
            }
        }
        next.committed(captures);
    }

    @Override
    public void progress(long finished, long queuedAtLeast) {
        next.progress(finished, queuedAtLeast);
    }

    static List<Signal> signalsOf(Map<String, String> values) {
        List<Signal> out = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            switch (e.getKey()) {
                case "md5", "sha256", "text" -> out.add(Signal.of(e.getKey(), e.getValue()));
                case "pdq" -> {
                    String quality = values.get("pdq_quality");
                    out.add(new Signal("pdq", e.getValue(), quality == null ? OptionalInt.empty()
                            : OptionalInt.of(Integer.parseInt(quality))));
                }
                default -> {
                    // pdq_quality, error and other notes are not signals
                }
            }
        }
        return out;
    }
}
