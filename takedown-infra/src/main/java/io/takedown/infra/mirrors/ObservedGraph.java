package io.takedown.infra.mirrors;

import io.takedown.infra.graph.EdgeType;
import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.graph.InfraNode;
import io.takedown.infra.graph.NodeType;
import io.takedown.infra.observe.SiteObservation;
import java.util.Collection;
import java.util.List;

/**
 * Folds observations into the infrastructure graph, as far as they go: where each site resolved, the CDN
 * account fronting it, its certificate and key, tracking IDs, favicon and assets by hash, and which
 * outlet it belongs to (known sites) or is proposed or confirmed as a mirror of. Folding observations from
 * several times keeps each node's and edge's first and last sighting.
 */
public final class ObservedGraph {

    private ObservedGraph() {
    }

    public static void fold(InfraGraph graph, Collection<SiteObservation> observed, Collection<MirrorDetector.KnownSite> known,
                            List<MirrorProposal> proposals) {
        for (MirrorDetector.KnownSite site : known) {
            graph.node(NodeType.OUTLET.id(site.outlet()), site.outlet(), observed.stream().map(SiteObservation::at)
                    .min(java.time.Instant::compareTo).orElse(java.time.Instant.EPOCH));
        }
        for (SiteObservation site : observed) {
            if (site.home().isEmpty()) {
                continue;
            }
            var at = site.at();
            String domain = graph.node(NodeType.DOMAIN.id(site.host()), site.host(), at).id();
            site.address().ifPresent(a -> graph.edge(domain, EdgeType.RESOLVES_TO, graph.node(NodeType.ADDRESS.id(a), a, at).id(), at));
            site.cdnAccount().ifPresent(a -> graph.edge(domain, EdgeType.FRONTED_BY,
                    graph.node(NodeType.CDN_ACCOUNT.id(a), a, at).id(), at));
            site.certificate().ifPresent(c -> {
                String cert = graph.node(NodeType.CERTIFICATE.id(c.sha256()), c.sha256().substring(0, 16), at).id();
                graph.edge(domain, EdgeType.PRESENTS, cert, at);
                graph.edge(cert, EdgeType.USES_KEY, graph.node(NodeType.KEY.id(c.spkiSha256()),
                        c.spkiSha256().substring(0, 16), at).id(), at);
            });
            SiteProfile profile = SiteProfile.of(site);
            profile.analyticsIds().forEach(id -> graph.edge(domain, EdgeType.TRACKS_WITH,
                    graph.node(NodeType.ANALYTICS_ID.id(id), id, at).id(), at));
            profile.faviconHash().ifPresent(h -> graph.edge(domain, EdgeType.SHOWS_FAVICON,
                    graph.node(NodeType.FAVICON.id(Integer.toString(h)), "favicon " + h, at).id(), at));
            site.assets().stream().filter(a -> !a.kind().equals("favicon")).forEach(a -> graph.edge(domain,
                    EdgeType.SERVES_ASSET, graph.node(NodeType.ASSET.id(a.sha256()), a.kind() + " " + a.sha256().substring(0, 12),
                            at).id(), at));
        }
        for (MirrorDetector.KnownSite site : known) {
            graph.find(NodeType.DOMAIN.id(site.host())).ifPresent(d -> {
                graph.attribute(d.id(), InfraNode.OUTLET, site.outlet());
                graph.edge(NodeType.OUTLET.id(site.outlet()), EdgeType.OPERATES, d.id(), d.lastSeen());
            });
        }
        for (MirrorProposal proposal : proposals) {
            graph.find(NodeType.DOMAIN.id(proposal.host())).ifPresent(d -> {
                graph.node(NodeType.OUTLET.id(proposal.outlet()), proposal.outlet(), d.firstSeen());
                graph.edge(d.id(), EdgeType.MIRROR_OF, NodeType.OUTLET.id(proposal.outlet()), d.lastSeen());
            });
        }
    }
}
