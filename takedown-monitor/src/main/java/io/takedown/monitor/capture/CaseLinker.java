package io.takedown.monitor.capture;

import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.banks.matching.MatchResult;
import io.takedown.cases.CaseFile;
import io.takedown.cases.CaseService;
import io.takedown.cases.Item;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.monitor.frontier.MonitoredOutlet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Turns a hit into case work: the outlet's case is opened on its first hit by the user who opens cases for
 * that outlet (its agency's, else the acting user) and every hit adds an item carrying the capture's
 * evidence reference, its signals and the labels of what it matched. An outlet nobody opens cases for keeps
 * its hits with the captures only. The same URL with the same payload is never added twice; a changed
 * payload is a new item. A capture without a web address (a file handed in without the address it was
 * published at) keeps its hits with the capture only.
 */
public final class CaseLinker {

    private final CaseService cases;
    private final FrontierStore store;
    private final java.util.function.Function<MonitoredOutlet, Optional<Actor>> owner;
    private final LongFunction<Optional<MonitoredOutlet>> outlets;
    private final AtomicLong items = new AtomicLong();
    private final Map<Long, Long> caseByOutlet = new LinkedHashMap<>();

    public CaseLinker(CaseService cases, FrontierStore store, Actor actor,
                      LongFunction<Optional<MonitoredOutlet>> outlets) {
        this(cases, store, outlet -> Optional.of(actor), outlets);
    }

    public CaseLinker(CaseService cases, FrontierStore store,
                      java.util.function.Function<MonitoredOutlet, Optional<Actor>> owner,
                      LongFunction<Optional<MonitoredOutlet>> outlets) {
        this.cases = cases;
        this.store = store;
        this.owner = owner;
        this.outlets = outlets;
    }

    public long itemsAdded() {
        return items.get();
    }

    public synchronized void link(CaptureMatching.Hit hit) {
        CaptureRow capture = hit.capture();
        if (!capture.url().startsWith("http://") && !capture.url().startsWith("https://")) {
            return; // a file handed in without the address it was published at: nothing to refer or order
        }
        String digest = capture.payloadDigest().orElse(capture.signals().getOrDefault("sha256", ""));
        if (store.caseItemFor(capture.canonicalUrl(), digest).isPresent()) {
            return;
        }
        MonitoredOutlet outlet = outlets.apply(capture.outletId()).orElseThrow();
        Optional<Actor> by = owner.apply(outlet);
        if (by.isEmpty()) {
            return;
        }
        Actor actor = by.get();
        long caseId = caseByOutlet.computeIfAbsent(outlet.id(), id -> outlet.caseId().orElseGet(() -> {
            CaseFile file = cases.createCase(actor, "Monitor: " + outlet.name(), Handling.AMBER, false);
            store.setCase(outlet.id(), file.id());
            return file.id();
        }));
        TreeSet<String> labels = new TreeSet<>();
        for (MatchResult match : hit.matches()) {
            labels.add("bank:" + match.entry().bankName());
            labels.addAll(match.entry().labels());
        }
        Map<String, String> signals = new LinkedHashMap<>(capture.signals());
        signals.remove("error");
        Item item = cases.addItem(actor, caseId, capture.url(), Optional.of(capture.evidenceRef()), signals,
                new ArrayList<>(labels), Handling.AMBER);
        store.linkCaseItem(capture.id(), caseId, item.id());
        items.incrementAndGet();
    }
}
