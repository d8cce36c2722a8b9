package io.takedown.infra.evaluation;

import io.takedown.infra.graph.EdgeType;
import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.graph.InfraNode;
import io.takedown.infra.graph.NodeType;
import io.takedown.range.Behaviour;
import io.takedown.range.Outlet;
import io.takedown.range.Provider;
import io.takedown.range.infra.CdnAccount;
import io.takedown.range.infra.Channel;
import io.takedown.range.infra.ChannelKind;
import io.takedown.range.infra.InfraState;
import io.takedown.range.infra.Infrastructure;
import io.takedown.range.infra.Registrar;
import io.takedown.range.infra.Site;
import io.takedown.range.infra.SiteRole;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The range's infrastructure at one instant as an infrastructure graph: everything the ground truth knows,
 * including origins hidden behind CDNs. Sites that are down are left out: the graph is what still stands.
 */
public final class TruthGraph {

    private TruthGraph() {
    }

    public static InfraGraph of(Infrastructure infra, InfraState state) {
        InfraGraph graph = new InfraGraph();
        Instant at = state.at();
        Map<String, Long> webAudience = new HashMap<>();
        for (Channel channel : state.channels()) {
            if (channel.kind() == ChannelKind.WEB && !channel.since().isAfter(at)) {
                webAudience.merge(channel.endpoints().getFirst(), channel.audience(), Long::sum);
            }
        }
        for (Outlet outlet : infra.world().outlets()) {
            graph.node(NodeType.OUTLET.id(outlet.id()), outlet.name(), Infrastructure.START);
        }
        for (Site site : state.sites().values().stream().sorted(java.util.Comparator.comparing(Site::domain)).toList()) {
            if (!state.reachable(site.domain())) {
                continue;
            }
            Instant first = site.registeredAt();
            String domain = graph.node(NodeType.DOMAIN.id(site.domain()), site.domain(), first).id();
            graph.node(domain, null, at);
            site.outlet().ifPresent(o -> {
                graph.attribute(domain, InfraNode.OUTLET, o);
                graph.edge(NodeType.OUTLET.id(o), EdgeType.OPERATES, domain, first);
            });
            if (site.role() == SiteRole.PRIMARY) {
                graph.attribute(domain, InfraNode.ROLE, "primary");
            }
            Long audience = webAudience.get(site.domain());
            if (audience != null && site.role().operated()) {
                graph.attribute(domain, InfraNode.AUDIENCE, Long.toString(audience));
            }
            Registrar registrar = infra.registrar(site.registrar());
            String reg = node(graph, NodeType.REGISTRAR, registrar.id(), registrar.name(), first, at);
            if (registrar.ignoresOrders()) {
                graph.attribute(reg, InfraNode.IGNORES_ORDERS, "true");
            }
            link(graph, domain, EdgeType.REGISTERED_WITH, reg, first, at);
            Provider provider = infra.world().provider(site.provider());
            String host = node(graph, NodeType.PROVIDER, provider.id(), provider.name(), first, at);
            if (provider.behaviour() == Behaviour.IGNORES) {
                graph.attribute(host, InfraNode.IGNORES_ORDERS, "true");
            }
            if (site.cdnAccount().isPresent()) {
                CdnAccount account = infra.cdnAccounts().get(site.cdnAccount().get());
                String acct = node(graph, NodeType.CDN_ACCOUNT, account.id(), account.id(), first, at);
                String operator = node(graph, NodeType.CDN_OPERATOR, account.operator(), account.operator(), first, at);
                String edge = node(graph, NodeType.ADDRESS, account.edgeAddress(), account.edgeAddress(), first, at);
                link(graph, acct, EdgeType.ACCOUNT_AT, operator, first, at);
                link(graph, domain, EdgeType.FRONTED_BY, acct, first, at);
                link(graph, domain, EdgeType.RESOLVES_TO, edge, first, at);
                link(graph, edge, EdgeType.ANNOUNCED_BY, operator, first, at);
                link(graph, domain, EdgeType.ORIGIN_AT, host, first, at);
            } else {
                String address = node(graph, NodeType.ADDRESS, provider.address(), provider.address(), first, at);
                link(graph, domain, EdgeType.RESOLVES_TO, address, first, at);
                link(graph, address, EdgeType.ANNOUNCED_BY, host, first, at);
            }
            String cert = node(graph, NodeType.CERTIFICATE, site.certificateId(), site.certificateId(), first, at);
            link(graph, domain, EdgeType.PRESENTS, cert, first, at);
            link(graph, cert, EdgeType.USES_KEY, node(graph, NodeType.KEY, site.keyId(), site.keyId(), first, at), first, at);
            site.analyticsId().ifPresent(id -> link(graph, domain, EdgeType.TRACKS_WITH,
                    node(graph, NodeType.ANALYTICS_ID, id, id, first, at), first, at));
            String favicon = switch (site.favicon()) {
                case OUTLET -> "mark-of-" + site.outlet().orElseThrow();
                case REDRAWN -> "redrawn-mark-of-" + site.outlet().orElseThrow();
                case STOCK -> "stock";
                case OWN -> "own-" + site.domain();
            };
            link(graph, domain, EdgeType.SHOWS_FAVICON, node(graph, NodeType.FAVICON, favicon, favicon, first, at), first, at);
        }
        for (Channel channel : state.channels()) {
            if (channel.kind() == ChannelKind.WEB || channel.since().isAfter(at)) {
                continue;
            }
            NodeType type = switch (channel.kind()) {
                case EXTENSION -> NodeType.EXTENSION;
                case APP -> NodeType.APP;
                default -> NodeType.NEWSLETTER;
            };
            String key = channel.id().substring(channel.id().indexOf(':') + 1);
            String id = graph.node(type.id(key), channel.name(), channel.since()).id();
            graph.node(id, null, at);
            graph.attribute(id, InfraNode.AUDIENCE, Long.toString(channel.audience()));
            graph.attribute(id, InfraNode.OUTLET, channel.outlet());
            graph.edge(NodeType.OUTLET.id(channel.outlet()), EdgeType.OPERATES, id, channel.since());
            for (String endpoint : channel.endpoints()) {
                if (channel.kind() == ChannelKind.NEWSLETTER) {
                    graph.find(NodeType.DOMAIN.id(endpoint)).ifPresent(d -> link(graph, id, EdgeType.SENT_FROM, d.id(),
                            channel.since(), at));
                    continue;
                }
                if (state.down().stream().anyMatch(t -> t.key().equals(NodeType.UPDATE_URL.id(endpoint)))) {
                    continue;
                }
                String domain = NodeType.DOMAIN.id(URI.create(endpoint).getHost());
                if (graph.find(domain).isEmpty()) {
                    continue;
                }
                String url = node(graph, NodeType.UPDATE_URL, endpoint, endpoint, channel.since(), at);
                link(graph, id, EdgeType.UPDATES_FROM, url, channel.since(), at);
                link(graph, url, EdgeType.SERVED_BY, domain, channel.since(), at);
            }
        }
        return graph;
    }

    private static String node(InfraGraph graph, NodeType type, String key, String label, Instant first, Instant last) {
        String id = graph.node(type.id(key), label, first).id();
        graph.node(id, null, last);
        return id;
    }

    private static void link(InfraGraph graph, String from, EdgeType type, String to, Instant first, Instant last) {
        graph.edge(from, type, to, first);
        graph.edge(from, type, to, last);
    }
}
