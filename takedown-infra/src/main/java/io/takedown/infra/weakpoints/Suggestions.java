package io.takedown.infra.weakpoints;

import io.takedown.infra.graph.EdgeType;
import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.graph.InfraNode;
import io.takedown.infra.graph.NodeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a plan into targets people and the action-day planner can use: whom to address, which URLs,
 * how much reach each adds, and a reason in words.
 */
public final class Suggestions {

    /** The suggestion and what it is measured against. */
    public record Result(List<TargetSuggestion> targets, Plan suggested, Plan naive, Optional<Plan> optimum) {
    }

    /** Sets above this are not enumerated for the optimum. */
    public static final long MAX_OPTIMUM_SETS = 3_000_000L;

    private Suggestions() {
    }

    public static Result suggest(InfraGraph graph, Instant since, int budget) {
        ReachModel model = GraphReach.model(graph, since);
        Plan plan = WeakPoints.suggest(model, budget);
        Plan naive = WeakPoints.naive(model, GraphReach.primaryDomains(graph), budget);
        Optional<Plan> optimum = WeakPoints.optimum(model, budget, MAX_OPTIMUM_SETS);
        List<AudienceChannel> cut = model.cut(plan.targets());
        List<TargetSuggestion> out = new ArrayList<>();
        List<String> before = new ArrayList<>();
        long previous = 0;
        for (String target : plan.targets()) {
            before.add(target);
            long now = model.removed(before);
            List<AudienceChannel> needs = cut.stream()
                    .filter(c -> c.routes().stream().anyMatch(r -> r.contains(target))).toList();
            Set<String> outlets = new TreeSet<>();
            needs.forEach(c -> outlets.add(c.outlet()));
            InfraNode node = graph.find(target).orElseThrow();
            out.add(new TargetSuggestion(out.size() + 1, target, node.type().prefix(), node.label(),
                    addressee(graph, node, since), urls(node), now - previous, needs.stream().map(AudienceChannel::id).toList(),
                    List.copyOf(outlets), reason(graph, node, needs, now - previous, since)));
            previous = now;
        }
        return new Result(out, plan, naive, optimum);
    }

    private static String addressee(InfraGraph graph, InfraNode node, Instant since) {
        return switch (node.type()) {
            case DOMAIN -> graph.out(node.id(), EdgeType.REGISTERED_WITH, since).stream().map(InfraNode::id).findFirst()
                    .orElse(node.id());
            case CDN_ACCOUNT -> graph.out(node.id(), EdgeType.ACCOUNT_AT, since).stream().map(InfraNode::id).findFirst()
                    .orElse(node.id());
            case UPDATE_URL -> graph.out(node.id(), EdgeType.SERVED_BY, since).stream()
                    .flatMap(d -> GraphReach.siteRoutes(graph, d.id(), since).stream())
                    .flatMap(Set::stream).filter(t -> t.startsWith(NodeType.PROVIDER.prefix() + ":")).findFirst()
                    .orElse(node.id());
            default -> node.id();
        };
    }

    private static List<String> urls(InfraNode node) {
        return switch (node.type()) {
            case DOMAIN -> List.of("http://" + node.key() + "/");
            case UPDATE_URL -> List.of(node.key());
            default -> List.of();
        };
    }

    private static String reason(InfraGraph graph, InfraNode node, List<AudienceChannel> needs, long gain, Instant since) {
        long domains = switch (node.type()) {
            case REGISTRAR -> graph.in(node.id(), EdgeType.REGISTERED_WITH).size();
            case CDN_ACCOUNT -> graph.in(node.id(), EdgeType.FRONTED_BY).size();
            case PROVIDER -> graph.in(node.id(), EdgeType.ANNOUNCED_BY).stream()
                    .mapToLong(a -> graph.in(a.id(), EdgeType.RESOLVES_TO).size()).sum()
                    + graph.in(node.id(), EdgeType.ORIGIN_AT).size();
            default -> 1;
        };
        String what = switch (node.type()) {
            case REGISTRAR -> "registrar of " + domains + " domain(s)";
            case CDN_ACCOUNT -> "CDN account fronting " + domains + " site(s)";
            case PROVIDER -> "hosts " + domains + " site(s)";
            case DOMAIN -> node.attribute(InfraNode.ROLE).map("primary"::equals).orElse(false) ? "main domain" : "domain";
            case UPDATE_URL -> "update URL";
            default -> node.type().prefix();
        };
        long extensionsOrApps = needs.stream().filter(c -> c.kind().equals("extension") || c.kind().equals("app")).count();
        String channels = needs.size() + " channel(s) (" + String.join(", ", needs.stream().limit(4).map(AudienceChannel::id)
                .toList()) + (needs.size() > 4 ? ", ..." : "") + ")";
        String redundancy = extensionsOrApps > 0 ? "; with the other targets it leaves " + extensionsOrApps
                + " extension/app(s) no update route" : "";
        return String.format(Locale.ROOT, "%s; needed to cut %s; adds %,d audience%s", what, channels, gain, redundancy);
    }
}
