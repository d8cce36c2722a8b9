package io.takedown.infra.observe;

import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.mirrors.MirrorDetector;
import io.takedown.infra.mirrors.MirrorProposal;
import io.takedown.infra.mirrors.MirrorReview;
import io.takedown.infra.mirrors.ObservedGraph;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.infra.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scans the synthetic range for mirrors until the monitor's captures feed detection: serves the world on
 * loopback, observes every site it runs, proposes mirrors of the outlets (known by their main domains and
 * the mirrors analysts confirmed) and records the proposals for review.
 */
public final class RangeMirrorScan {

    private final MirrorReview review;

    public RangeMirrorScan(MirrorReview review) {
        this.review = review;
    }

    /** What a scan found, and the graph of what was observed (proposed mirrors linked to their outlets). */
    public record Result(int observed, List<MirrorProposal> proposals, int added, InfraGraph graph) {
    }

    public Result scan(long seed, RangeSize size, Duration afterStart) {
        World world = World.generate(seed, size);
        RangeClock clock = RangeClock.manual(Infrastructure.START.plus(afterStart));
        try (RangeServer server = new RangeServer(world, clock).start()) {
            LoopbackObserver observer = new LoopbackObserver(server.resolver(), server.ca().clientContext(), clock);
            List<SiteObservation> observed = new ArrayList<>();
            for (String host : server.infrastructure().stateAt(clock.instant()).sites().keySet().stream().sorted().toList()) {
                observed.add(observer.observe(host));
            }
            Set<MirrorDetector.KnownSite> known = new LinkedHashSet<>();
            world.outlets().forEach(o -> known.add(new MirrorDetector.KnownSite(o.primaryDomain(), o.id())));
            known.addAll(review.confirmed());
            List<MirrorProposal> proposals = new MirrorDetector().propose(known, observed);
            InfraGraph graph = new InfraGraph();
            ObservedGraph.fold(graph, observed, known, proposals);
            return new Result(observed.size(), proposals, review.record(proposals), graph);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the range", e);
        }
    }
}
