package io.takedown.infra.graph;

import java.time.Instant;

/** An edge: its type and when it was first and last seen. Identity is the object (JGraphT keeps endpoints). */
public final class InfraEdge {

    private final EdgeType type;
    private Instant firstSeen;
    private Instant lastSeen;

    InfraEdge(EdgeType type, Instant seen) {
        this.type = type;
        this.firstSeen = seen;
        this.lastSeen = seen;
    }

    public EdgeType type() {
        return type;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    synchronized void seen(Instant at) {
        if (at.isBefore(firstSeen)) {
            firstSeen = at;
        }
        if (at.isAfter(lastSeen)) {
            lastSeen = at;
        }
    }

    synchronized void restore(Instant first, Instant last) {
        firstSeen = first;
        lastSeen = last;
    }

    @Override
    public String toString() {
        return type.name();
    }
}
