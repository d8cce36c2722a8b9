package io.takedown.infra.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Draws the graph for people with Graphviz {@code dot} (Debian package {@code graphviz}). The picture
 * shows a readable view ({@link #forPeople}): addresses folded into "hosted at" edges, fingerprints only
 * where two or more sites share them, unrelated sites left out. Without Graphviz, it says so and the DOT
 * file is still written.
 */
public final class GraphPicture {

    /** What came out: the picture, or why there is none. */
    public record Result(Optional<Path> picture, Path dot, String message) {
    }

    private GraphPicture() {
    }

    /** Writes {@code out} as SVG or PNG (by its extension) and the DOT source beside it. */
    public static Result render(InfraGraph graph, Path out) throws IOException {
        String name = out.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        if (!List.of("svg", "png").contains(format)) {
            throw new IllegalArgumentException("picture must end in .svg or .png: " + out);
        }
        Path dot = out.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".dot");
        try (var writer = Files.newBufferedWriter(dot, StandardCharsets.UTF_8)) {
            GraphExport.dot(forPeople(graph), writer);
        }
        Process process;
        try {
            process = new ProcessBuilder("dot", "-T" + format, "-o", out.toString(), dot.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(Optional.empty(), dot, "Graphviz 'dot' is not installed (apt-get install graphviz): wrote "
                    + dot + " only; render it with 'dot -T" + format + " " + dot + "'");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(Optional.empty(), dot, "Graphviz took over 5 minutes; wrote " + dot + " only");
            }
            if (process.exitValue() != 0) {
                return new Result(Optional.empty(), dot, "Graphviz failed (" + process.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(Optional.empty(), dot, "interrupted; wrote " + dot + " only");
        }
        return new Result(Optional.of(out), dot, "wrote " + out + " and " + dot);
    }

    /**
     * A view people can read: outlets, their domains and channels, providers, registrars, CDN accounts,
     * update URLs, and the fingerprints that tie two or more domains together.
     */
    public static InfraGraph forPeople(InfraGraph graph) {
        InfraGraph view = new InfraGraph();
        for (InfraNode node : graph.nodes()) {
            boolean keep = switch (node.type()) {
                case OUTLET, PROVIDER, REGISTRAR, UPDATE_URL, EXTENSION, APP, NEWSLETTER -> true;
                case CDN_ACCOUNT -> graph.in(node.id(), EdgeType.FRONTED_BY).stream()
                        .anyMatch(d -> d.attribute(InfraNode.OUTLET).isPresent());
                case DOMAIN -> node.attribute(InfraNode.OUTLET).isPresent() || !graph.out(node.id(), EdgeType.MIRROR_OF).isEmpty();
                case ANALYTICS_ID, FAVICON, ASSET, KEY -> sharedByOutletDomains(graph, node) >= 2;
                case ADDRESS, CDN_OPERATOR, CERTIFICATE -> false;
            };
            if (keep) {
                InfraNode copy = view.node(node.id(), node.label(), node.firstSeen());
                view.node(node.id(), null, node.lastSeen());
                node.attributes().forEach((k, v) -> view.attribute(copy.id(), k, v));
            }
        }
        Instant now = Instant.MIN;
        for (InfraGraph.Link link : graph.links()) {
            if (view.find(link.source()).isPresent() && view.find(link.target()).isPresent()) {
                view.edge(link.source(), link.type(), link.target(), link.firstSeen());
                view.edge(link.source(), link.type(), link.target(), link.lastSeen());
            }
            if (link.type() == EdgeType.RESOLVES_TO && view.find(link.source()).isPresent()) {
                for (InfraNode host : graph.out(link.target(), EdgeType.ANNOUNCED_BY)) {
                    if (host.type() == NodeType.PROVIDER) {
                        view.edge(link.source(), EdgeType.ORIGIN_AT, host.id(), link.lastSeen());
                    }
                }
            }
            if (link.type() == EdgeType.PRESENTS && view.find(link.source()).isPresent()) {
                for (InfraNode key : graph.out(link.target(), EdgeType.USES_KEY)) {
                    if (view.find(key.id()).isPresent()) {
                        view.edge(link.source(), EdgeType.USES_KEY, key.id(), link.lastSeen());
                    }
                }
            }
            now = link.lastSeen().isAfter(now) ? link.lastSeen() : now;
        }
        return view;
    }

    /** How many outlet or proposed-mirror domains point at a fingerprint (keys through their certificates). */
    private static long sharedByOutletDomains(InfraGraph graph, InfraNode node) {
        List<InfraNode> holders = node.type() == NodeType.KEY
                ? graph.in(node.id(), EdgeType.USES_KEY).stream()
                        .flatMap(cert -> graph.in(cert.id(), EdgeType.PRESENTS).stream()).toList()
                : graph.in(node.id(), node.type() == NodeType.ANALYTICS_ID ? EdgeType.TRACKS_WITH
                        : node.type() == NodeType.FAVICON ? EdgeType.SHOWS_FAVICON : EdgeType.SERVES_ASSET);
        return holders.stream().filter(d -> d.attribute(InfraNode.OUTLET).isPresent()
                || !graph.out(d.id(), EdgeType.MIRROR_OF).isEmpty()).map(InfraNode::id).distinct().count();
    }
}
