package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.infra.mirrors.MirrorDetector;
import io.takedown.infra.mirrors.MirrorProposal;
import io.takedown.infra.mirrors.MirrorReview;
import io.takedown.infra.observe.LoopbackObserver;
import io.takedown.infra.observe.SiteObservation;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import io.takedown.range.infra.Site;
import io.takedown.range.infra.SiteRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the outlets' mirrors with the infrastructure line's services: every name registered on the range
 * (mirrors, update hosts and unrelated decoys alike, as a feed of newly registered domains gives them) is
 * observed on loopback, {@link MirrorDetector} proposes mirrors of the outlets known so far (their main
 * domains and the mirrors confirmed before), the proposals are recorded for review, and the outlet's
 * analyst confirms those at {@link MirrorDetector#EXPAND_AT} or above (audited). Confirmed mirrors go into
 * the monitor's scope. Only the scoring looks at the range's ground truth.
 */
final class MirrorWatch {

    /** A confirmed mirror and the scan that found it. */
    record Confirmed(String host, String outlet, double confidence, String scan, Instant at) {
    }

    private final World world;
    private final MirrorReview review;
    private final RangeServer server;
    private final RangeClock clock;
    private final Function<String, Actor> analystOf;
    private final DemoListener listener;
    private final Map<String, SiteObservation> observed = new LinkedHashMap<>();
    private final List<Confirmed> confirmed = new ArrayList<>();

    MirrorWatch(World world, MirrorReview review, RangeServer server, RangeClock clock, Function<String, Actor> analystOf,
                DemoListener listener) {
        this.world = world;
        this.review = review;
        this.server = server;
        this.clock = clock;
        this.analystOf = analystOf;
        this.listener = listener;
    }

    List<Confirmed> confirmed() {
        return List.copyOf(confirmed);
    }

    /**
     * Observes the names not observed before, proposes and confirms; returns the act and the mirrors
     * confirmed by this scan (each is handed to {@code onConfirmed} first, to widen the monitor's scope).
     */
    DemoAct.Mirrors scan(String label, java.util.function.Consumer<Confirmed> onConfirmed) {
        Instant now = clock.instant();
        Map<String, Site> registered = server.infrastructure().stateAt(now).sites();
        List<String> fresh = registered.keySet().stream().filter(h -> !observed.containsKey(h)).sorted().toList();
        LoopbackObserver observer = new LoopbackObserver(server::resolve, clock);
        listener.begin("Observing sites (" + label + ")", fresh.size());
        // Observing is network-bound on loopback: a few sites at once.
        List<SiteObservation> results = Parallel.map(fresh, 8, host -> {
            SiteObservation observation = observer.observe(host);
            synchronized (listener) {
                listener.step();
            }
            return observation;
        });
        listener.end();
        results.forEach(o -> observed.put(o.host(), o));

        Set<MirrorDetector.KnownSite> known = new LinkedHashSet<>();
        world.outlets().forEach(o -> known.add(new MirrorDetector.KnownSite(o.primaryDomain(), o.id())));
        known.addAll(review.confirmed());
        List<MirrorProposal> proposals = new MirrorDetector().propose(known, observed.values());
        review.record(proposals);
        List<Confirmed> now1 = new ArrayList<>();
        for (MirrorReview.Stored stored : review.list(Optional.of(MirrorReview.Status.PROPOSED))) {
            MirrorProposal p = stored.proposal();
            if (p.confidence() < MirrorDetector.EXPAND_AT) {
                continue; // left for an analyst to look at; the demo acts only on the clear ones
            }
            review.confirm(analystOf.apply(p.outlet()), stored.id(), String.format(Locale.ROOT,
                    "demo: confidence %.3f from %d pieces of evidence", p.confidence(), p.evidence().size()));
            Confirmed c = new Confirmed(p.host(), p.outlet(), p.confidence(), label, now);
            confirmed.add(c);
            now1.add(c);
            onConfirmed.accept(c);
        }
        return score(label, registered, fresh.size(), proposals.size(), now1);
    }

    /** Precision and recall of what was confirmed so far against the range's ground truth (update hosts aside). */
    private DemoAct.Mirrors score(String label, Map<String, Site> registered, int observedNow, int proposals,
                                  List<Confirmed> now) {
        List<Site> mirrors = registered.values().stream().filter(s -> s.role() == SiteRole.MIRROR).toList();
        Map<String, String> byHost = new LinkedHashMap<>();
        confirmed.stream().filter(c -> Optional.ofNullable(registered.get(c.host()))
                .map(s -> s.role() != SiteRole.UPDATE_HOST).orElse(true)).forEach(c -> byHost.put(c.host(), c.outlet()));
        int correct = 0;
        List<String> missed = new ArrayList<>();
        for (Site mirror : mirrors) {
            if (mirror.outlet().map(o -> o.equals(byHost.get(mirror.domain()))).orElse(false)) {
                correct++;
            } else {
                missed.add(mirror.domain() + " (" + mirror.outlet().orElse("") + ")");
            }
        }
        List<String> wrong = new ArrayList<>();
        byHost.forEach((host, outlet) -> {
            Site site = registered.get(host);
            if (site == null || site.role() != SiteRole.MIRROR || !site.outlet().map(outlet::equals).orElse(false)) {
                wrong.add(host + " -> " + outlet);
            }
        });
        long updateHosts = now.stream().filter(c -> Optional.ofNullable(registered.get(c.host()))
                .map(s -> s.role() == SiteRole.UPDATE_HOST).orElse(false)).count();
        return new DemoAct.Mirrors(label, registered.size(), observedNow, proposals, now.size(), (int) updateHosts,
                byHost.size(), mirrors.size(), correct, missed, wrong);
    }
}
