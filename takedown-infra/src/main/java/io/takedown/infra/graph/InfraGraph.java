package io.takedown.infra.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DirectedPseudograph;

/**
 * The infrastructure graph. Observations are folded in with {@link #node} and {@link #edge}: seeing a
 * node or edge again widens its first/last-seen span, so the graph keeps its history (a domain that once
 * resolved to a provider's address keeps that edge, last seen when it moved). Not thread-safe: one writer.
 */
public final class InfraGraph {

    private final DirectedPseudograph<InfraNode, InfraEdge> graph = new DirectedPseudograph<>(InfraEdge.class);
    private final Map<String, InfraNode> nodes = new LinkedHashMap<>();

    /** An edge as a value: endpoints by id. */
    public record Link(String source, EdgeType type, String target, Instant firstSeen, Instant lastSeen) {
    }

    /** Adds the node or marks it seen again; {@code label} replaces the old one when not blank. */
    public InfraNode node(String id, String label, Instant seen) {
        InfraNode node = nodes.get(id);
        if (node == null) {
            node = new InfraNode(id, label == null || label.isBlank() ? id.substring(id.indexOf(':') + 1) : label, seen);
            nodes.put(id, node);
            graph.addVertex(node);
        } else {
            node.seen(seen, label);
        }
        return node;
    }

    public InfraNode node(NodeType type, String key, Instant seen) {
        return node(type.id(key), key, seen);
    }

    public void attribute(String id, String name, String value) {
        InfraNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        node.put(name, value);
    }

    /** Adds the edge (both nodes must exist) or marks it seen again. */
    public InfraEdge edge(String source, EdgeType type, String target, Instant seen) {
        InfraNode from = require(source);
        InfraNode to = require(target);
        for (InfraEdge existing : graph.getAllEdges(from, to)) {
            if (existing.type() == type) {
                existing.seen(seen);
                return existing;
            }
        }
        InfraEdge edge = new InfraEdge(type, seen);
        graph.addEdge(from, to, edge);
        return edge;
    }

    /** Restores stored spans (when loading a persisted graph). */
    public void restoreSpan(String id, Instant first, Instant last) {
        require(id).restore(first, last);
    }

    public void restoreSpan(String source, EdgeType type, String target, Instant first, Instant last) {
        for (InfraEdge edge : graph.getAllEdges(require(source), require(target))) {
            if (edge.type() == type) {
                edge.restore(first, last);
            }
        }
    }

    private InfraNode require(String id) {
        InfraNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return node;
    }

    public Optional<InfraNode> find(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public List<InfraNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<InfraNode> nodes(NodeType type) {
        return nodes.values().stream().filter(n -> n.type() == type).toList();
    }

    /** Targets of {@code id}'s outgoing edges of {@code type}, seen at or after {@code since}. */
    public List<InfraNode> out(String id, EdgeType type, Instant since) {
        InfraNode node = nodes.get(id);
        if (node == null) {
            return List.of();
        }
        return graph.outgoingEdgesOf(node).stream().filter(e -> e.type() == type && !e.lastSeen().isBefore(since))
                .map(graph::getEdgeTarget).sorted(Comparator.comparing(InfraNode::id)).toList();
    }

    public List<InfraNode> out(String id, EdgeType type) {
        return out(id, type, Instant.MIN);
    }

    /** Sources of {@code id}'s incoming edges of {@code type}. */
    public List<InfraNode> in(String id, EdgeType type) {
        InfraNode node = nodes.get(id);
        if (node == null) {
            return List.of();
        }
        return graph.incomingEdgesOf(node).stream().filter(e -> e.type() == type).map(graph::getEdgeSource)
                .sorted(Comparator.comparing(InfraNode::id)).toList();
    }

    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (InfraEdge edge : graph.edgeSet()) {
            links.add(new Link(graph.getEdgeSource(edge).id(), edge.type(), graph.getEdgeTarget(edge).id(),
                    edge.firstSeen(), edge.lastSeen()));
        }
        links.sort(Comparator.comparing(Link::source).thenComparing(Link::type).thenComparing(Link::target));
        return links;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int edgeCount() {
        return graph.edgeSet().size();
    }

    /** The JGraphT graph, read-only, for algorithms and exporters. */
    public Graph<InfraNode, InfraEdge> view() {
        return new AsUnmodifiableGraph<>(graph);
    }
}
