package io.takedown.infra.evaluation;

import io.takedown.infra.mirrors.Evidence;
import io.takedown.infra.mirrors.MirrorDetector;
import io.takedown.infra.mirrors.MirrorProposal;
import io.takedown.infra.observe.LoopbackObserver;
import io.takedown.infra.observe.SiteObservation;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import io.takedown.range.infra.InfraSimulation;
import io.takedown.range.infra.InfraState;
import io.takedown.range.infra.Site;
import io.takedown.range.infra.SiteRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Serves a world on loopback, lets each outlet react to a few removals (so mirrors registered in range
 * time are among the candidates), observes every site the range runs, proposes mirrors with only each
 * outlet's main domain known, and scores the proposals against ground truth.
 */
public final class MirrorEvaluation {

    /** Removals per outlet before observing, to make outlets register mirrors. */
    static final int REMOVALS_PER_OUTLET = 3;

    private MirrorEvaluation() {
    }

    public static MirrorFigures run(World world) {
        RangeClock clock = RangeClock.manual(WeakPointEvaluation.STRIKE);
        try (RangeServer server = new RangeServer(world, clock).start()) {
            InfraSimulation infra = server.infrastructure();
            for (Outlet outlet : world.outlets()) {
                String provider = infra.site(outlet.primaryDomain(), clock.instant()).orElseThrow().provider();
                for (int n = 0; n < REMOVALS_PER_OUTLET; n++) {
                    infra.removalScheduled(world.article(outlet, n).url(), provider,
                            clock.instant().plus(Duration.ofMinutes(10 + n)), Optional.empty());
                }
            }
            clock.advance(Duration.ofDays(2));
            InfraState state = infra.stateAt(clock.instant());
            LoopbackObserver observer = new LoopbackObserver(server.resolver(), server.ca().clientContext(), clock);
            List<SiteObservation> observed = new ArrayList<>();
            for (String host : state.sites().keySet().stream().sorted().toList()) {
                observed.add(observer.observe(host));
            }
            List<MirrorDetector.KnownSite> known = world.outlets().stream()
                    .map(o -> new MirrorDetector.KnownSite(o.primaryDomain(), o.id())).toList();
            int overTls = (int) observed.stream().filter(o -> o.certificate().isPresent()).count();
            return score(world, state, new MirrorDetector().propose(known, observed), overTls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the range", e);
        }
    }

    static MirrorFigures score(World world, InfraState state, List<MirrorProposal> proposals, int overTls) {
        Map<String, Site> sites = state.sites();
        List<Site> mirrors = sites.values().stream().filter(s -> s.role() == SiteRole.MIRROR).toList();
        List<MirrorProposal> counted = proposals.stream()
                .filter(p -> !Optional.ofNullable(sites.get(p.host())).map(s -> s.role() == SiteRole.UPDATE_HOST).orElse(false))
                .toList();
        Map<String, String> proposed = counted.stream().collect(Collectors.toMap(MirrorProposal::host, MirrorProposal::outlet));
        int correct = 0;
        int keyEvidence = 0;
        List<String> missed = new ArrayList<>();
        for (Site mirror : mirrors) {
            if (mirror.outlet().map(o -> o.equals(proposed.get(mirror.domain()))).orElse(false)) {
                correct++;
                boolean keyed = counted.stream().filter(p -> p.host().equals(mirror.domain())).flatMap(p -> p.evidence().stream())
                        .anyMatch(e -> e.kind() == Evidence.Kind.SHARED_CERTIFICATE || e.kind() == Evidence.Kind.SHARED_KEY);
                keyEvidence += keyed ? 1 : 0;
            } else {
                missed.add(mirror.domain() + " (" + mirror.outlet().orElse("") + ", " + mirror.origin() + ")");
            }
        }
        List<String> wrong = new ArrayList<>();
        for (MirrorProposal p : counted) {
            Site site = sites.get(p.host());
            boolean right = site != null && site.role() == SiteRole.MIRROR && site.outlet().map(p.outlet()::equals).orElse(false);
            if (!right) {
                wrong.add(p.host() + " -> " + p.outlet() + String.format(java.util.Locale.ROOT, " (%.2f)", p.confidence())
                        + (site == null ? "" : " is " + site.role().name().toLowerCase() + site.outlet().map(o -> " of " + o).orElse("")));
            }
        }
        return new MirrorFigures(world.seed(), world.size().name(), sites.size(), mirrors.size(), counted.size(), correct,
                missed, wrong, overTls, keyEvidence);
    }
}
