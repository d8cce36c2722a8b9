package io.takedown.infra.graph;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;

/**
 * Writes the graph as GraphML (every node and edge with type, attributes and first/last seen: for Gephi,
 * yEd, networkx) or as DOT (styled by type, for Graphviz).
 */
public final class GraphExport {

    private static final Set<String> NODE_KEYS = Set.of(InfraNode.AUDIENCE, InfraNode.OUTLET, InfraNode.ROLE,
            InfraNode.IGNORES_ORDERS);

    private GraphExport() {
    }

    public static void graphml(InfraGraph graph, Writer out) {
        GraphMLExporter<InfraNode, InfraEdge> exporter = new GraphMLExporter<>(InfraNode::id);
        exporter.setExportVertexLabels(true);
        exporter.setVertexLabelAttributeName("label");
        exporter.registerAttribute("type", GraphMLExporter.AttributeCategory.ALL, AttributeType.STRING);
        exporter.registerAttribute("first_seen", GraphMLExporter.AttributeCategory.ALL, AttributeType.STRING);
        exporter.registerAttribute("last_seen", GraphMLExporter.AttributeCategory.ALL, AttributeType.STRING);
        for (String key : NODE_KEYS) {
            exporter.registerAttribute(key, GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        }
        exporter.setVertexAttributeProvider(node -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            attributes.put("label", DefaultAttribute.createAttribute(node.label()));
            attributes.put("type", DefaultAttribute.createAttribute(node.type().name().toLowerCase()));
            attributes.put("first_seen", DefaultAttribute.createAttribute(node.firstSeen().toString()));
            attributes.put("last_seen", DefaultAttribute.createAttribute(node.lastSeen().toString()));
            node.attributes().forEach((k, v) -> {
                if (NODE_KEYS.contains(k)) {
                    attributes.put(k, DefaultAttribute.createAttribute(v));
                }
            });
            return attributes;
        });
        exporter.setEdgeAttributeProvider(edge -> Map.of(
                "type", DefaultAttribute.createAttribute(edge.type().name().toLowerCase()),
                "first_seen", DefaultAttribute.createAttribute(edge.firstSeen().toString()),
                "last_seen", DefaultAttribute.createAttribute(edge.lastSeen().toString())));
        exporter.exportGraph(graph.view(), out);
    }

    public static void dot(InfraGraph graph, Writer out) {
        DOTExporter<InfraNode, InfraEdge> exporter = new DOTExporter<>(node -> quote(node.id()));
        exporter.setGraphAttributeProvider(() -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            attributes.put("rankdir", DefaultAttribute.createAttribute("LR"));
            attributes.put("fontname", DefaultAttribute.createAttribute("Helvetica"));
            attributes.put("overlap", DefaultAttribute.createAttribute("false"));
            // Graph attributes are written as they are: quoted here, as DOT needs for text with spaces.
            attributes.put("label", DefaultAttribute.createAttribute(
                    "\"Takedown infrastructure graph (synthetic range): outlets, their sites and what they share\""));
            return attributes;
        });
        exporter.setVertexAttributeProvider(node -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            String label = node.label();
            if (node.audience() > 0) {
                label += "\\naudience " + node.audience();
            }
            attributes.put("label", DefaultAttribute.createAttribute(label));
            attributes.put("fontname", DefaultAttribute.createAttribute("Helvetica"));
            attributes.put("style", DefaultAttribute.createAttribute("filled"));
            String[] look = look(node);
            attributes.put("shape", DefaultAttribute.createAttribute(look[0]));
            attributes.put("fillcolor", DefaultAttribute.createAttribute(look[1]));
            if (node.attribute(InfraNode.ROLE).map("primary"::equals).orElse(false)) {
                attributes.put("penwidth", DefaultAttribute.createAttribute("3"));
            }
            if (node.attribute(InfraNode.IGNORES_ORDERS).map("true"::equals).orElse(false)) {
                attributes.put("color", DefaultAttribute.createAttribute("red"));
                attributes.put("penwidth", DefaultAttribute.createAttribute("3"));
            }
            return attributes;
        });
        exporter.setEdgeAttributeProvider(edge -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            attributes.put("label", DefaultAttribute.createAttribute(edge.type().name().toLowerCase().replace('_', ' ')));
            attributes.put("fontsize", DefaultAttribute.createAttribute("9"));
            attributes.put("fontname", DefaultAttribute.createAttribute("Helvetica"));
            if (edge.type() == EdgeType.MIRROR_OF) {
                attributes.put("style", DefaultAttribute.createAttribute("dashed"));
                attributes.put("color", DefaultAttribute.createAttribute("red"));
            }
            return attributes;
        });
        exporter.exportGraph(graph.view(), out);
    }

    private static String quote(String id) {
        return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Shape and fill colour per node type. */
    private static String[] look(InfraNode node) {
        return switch (node.type()) {
            case OUTLET -> new String[] {"doubleoctagon", "#f4a6a6"};
            case DOMAIN -> new String[] {"box", node.attribute(InfraNode.OUTLET).isPresent() ? "#fde2b8" : "#eeeeee"};
            case ADDRESS -> new String[] {"ellipse", "#ffffff"};
            case PROVIDER -> new String[] {"cylinder", "#b8d4fd"};
            case REGISTRAR -> new String[] {"folder", "#c5ecc0"};
            case CDN_OPERATOR, CDN_ACCOUNT -> new String[] {"component", "#ffd28a"};
            case CERTIFICATE, KEY -> new String[] {"hexagon", "#e0d4f7"};
            case ANALYTICS_ID, FAVICON, ASSET -> new String[] {"ellipse", "#dddddd"};
            case UPDATE_URL -> new String[] {"note", "#f7f3c6"};
            case EXTENSION, APP, NEWSLETTER -> new String[] {"tab", "#d9b8f4"};
        };
    }
}
