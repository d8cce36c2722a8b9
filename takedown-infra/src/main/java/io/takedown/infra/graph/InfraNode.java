package io.takedown.infra.graph;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A node: its id ({@code domain:example.test}), type, a label for people, attributes (audience, outlet,
 * role, whether its operator ignores orders) and when it was first and last seen.
 */
public final class InfraNode {

    /** Attribute: audience of a channel node (a domain's website, an extension, an app, a newsletter). */
    public static final String AUDIENCE = "audience";
    /** Attribute: the outlet a channel belongs to. */
    public static final String OUTLET = "outlet";
    /** Attribute: {@code primary} for an outlet's main domain. */
    public static final String ROLE = "role";
    /** Attribute: {@code true} when the operator (provider, registrar) is known to ignore orders. */
    public static final String IGNORES_ORDERS = "ignores_orders";

    private final String id;
    private final NodeType type;
    private String label;
    private final Map<String, String> attributes = new TreeMap<>();
    private Instant firstSeen;
    private Instant lastSeen;

    InfraNode(String id, String label, Instant seen) {
        this.id = id;
        this.type = NodeType.ofId(id);
        this.label = label;
        this.firstSeen = seen;
        this.lastSeen = seen;
    }

    public String id() {
        return id;
    }

    /** The id without its type prefix. */
    public String key() {
        return id.substring(id.indexOf(':') + 1);
    }

    public NodeType type() {
        return type;
    }

    public String label() {
        return label;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public long audience() {
        return attribute(AUDIENCE).map(Long::parseLong).orElse(0L);
    }

    synchronized void seen(Instant at, String newLabel) {
        if (at.isBefore(firstSeen)) {
            firstSeen = at;
        }
        if (at.isAfter(lastSeen)) {
            lastSeen = at;
        }
        if (newLabel != null && !newLabel.isBlank()) {
            label = newLabel;
        }
    }

    synchronized void restore(Instant first, Instant last) {
        firstSeen = first;
        lastSeen = last;
    }

    synchronized void put(String name, String value) {
        attributes.put(name, value);
    }

    @Override
    public String toString() {
        return id;
    }
}
