package io.takedown.infra.weakpoints;

import io.takedown.infra.graph.EdgeType;
import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.graph.InfraNode;
import io.takedown.infra.graph.NodeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the reach model from the graph. A site needs its domain, its registrar and its hosting: the
 * provider announcing the address it resolves to (each address an alternative), or, behind a CDN, the
 * CDN account and the origin provider when known. An extension or app needs one of its update URLs and
 * that URL's site; a newsletter its sender domain's site. Only edges seen at or after {@code since} count:
 * what the infrastructure looks like now, not what it once was.
 */
public final class GraphReach {

    /** Node types an order can act against. */
    public static final Set<NodeType> TARGET_TYPES = Set.of(NodeType.PROVIDER, NodeType.REGISTRAR, NodeType.DOMAIN,
            NodeType.CDN_ACCOUNT, NodeType.UPDATE_URL);

    private GraphReach() {
    }

    public static ReachModel model(InfraGraph graph, Instant since) {
        return ReachModel.of(channels(graph, since), id -> graph.find(id)
                .filter(n -> TARGET_TYPES.contains(n.type()))
                .map(n -> !n.attribute(InfraNode.IGNORES_ORDERS).map("true"::equals).orElse(false)).orElse(false));
    }

    public static List<AudienceChannel> channels(InfraGraph graph, Instant since) {
        List<AudienceChannel> channels = new ArrayList<>();
        for (InfraNode node : graph.nodes()) {
            if (node.audience() <= 0 || node.lastSeen().isBefore(since)) {
                continue;
            }
            List<Set<String>> routes = switch (node.type()) {
                case DOMAIN -> siteRoutes(graph, node.id(), since);
                case NEWSLETTER -> graph.out(node.id(), EdgeType.SENT_FROM, since).stream()
                        .flatMap(d -> siteRoutes(graph, d.id(), since).stream()).toList();
                case EXTENSION, APP -> {
                    List<Set<String>> out = new ArrayList<>();
                    for (InfraNode url : graph.out(node.id(), EdgeType.UPDATES_FROM, since)) {
                        for (InfraNode domain : graph.out(url.id(), EdgeType.SERVED_BY, since)) {
                            for (Set<String> route : siteRoutes(graph, domain.id(), since)) {
                                Set<String> full = new LinkedHashSet<>(route);
                                full.add(url.id());
                                out.add(full);
                            }
                        }
                    }
                    yield out;
                }
                default -> List.of();
            };
            if (!routes.isEmpty()) {
                channels.add(new AudienceChannel(node.id(), node.attribute(InfraNode.OUTLET).orElse(""),
                        node.type().prefix(), node.audience(), routes));
            }
        }
        channels.sort(Comparator.comparing(AudienceChannel::id));
        return channels;
    }

    static List<Set<String>> siteRoutes(InfraGraph graph, String domain, Instant since) {
        Set<String> base = new LinkedHashSet<>();
        base.add(domain);
        graph.out(domain, EdgeType.REGISTERED_WITH, since).forEach(r -> base.add(r.id()));
        List<InfraNode> cdn = graph.out(domain, EdgeType.FRONTED_BY, since);
        List<Set<String>> routes = new ArrayList<>();
        if (!cdn.isEmpty()) {
            cdn.forEach(a -> base.add(a.id()));
            List<InfraNode> origins = graph.out(domain, EdgeType.ORIGIN_AT, since);
            if (origins.isEmpty()) {
                routes.add(base);
            }
            for (InfraNode origin : origins) {
                Set<String> route = new LinkedHashSet<>(base);
                route.add(origin.id());
                routes.add(route);
            }
            return routes;
        }
        for (InfraNode address : graph.out(domain, EdgeType.RESOLVES_TO, since)) {
            for (InfraNode host : graph.out(address.id(), EdgeType.ANNOUNCED_BY, since)) {
                Set<String> route = new LinkedHashSet<>(base);
                route.add(host.id());
                routes.add(route);
            }
        }
        if (routes.isEmpty()) {
            routes.add(base); // hosting unknown: the name and registrar are all we can act on
        }
        return routes;
    }

    /** Each outlet's main domain (role {@code primary}), largest audience first: the naive plan. */
    public static List<String> primaryDomains(InfraGraph graph) {
        return graph.nodes(NodeType.DOMAIN).stream()
                .filter(n -> n.attribute(InfraNode.ROLE).map("primary"::equals).orElse(false))
                .sorted(Comparator.comparingLong(InfraNode::audience).reversed().thenComparing(InfraNode::id))
                .map(InfraNode::id).toList();
    }
}
