package io.takedown.orders;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.core.TakedownException;

/**
 * Who an actor is to an order. Each step of the workflow names the one party that may take it; the
 * {@link io.takedown.access.Policy} role check comes first, this comes second.
 */
public enum Party {
    /** The competent authority that issued the order. */
    ISSUER("the issuing authority"),
    /** The hosting service provider the order is addressed to. */
    ADDRESSEE("the addressed provider"),
    /** The competent authority of the member state where the provider is established (Art. 4). */
    HOST_STATE("the competent authority of the provider's member state");

    private final String description;

    Party(String description) {
        this.description = description;
    }

    public boolean is(Actor actor, RemovalOrder order) {
        return switch (this) {
            case ISSUER -> actor.agency().equals(order.agency());
            case ADDRESSEE -> actor.agency().equals(order.provider()) && order.issued();
            case HOST_STATE -> order.crossBorder() && order.issued()
                    && actor.agencyKind() == AgencyKind.COMPETENT_AUTHORITY
                    && actor.country().equals(order.providerCountry());
        };
    }

    /**
     * May the actor know the order exists? Its parties may; beyond them an authority may when the item's
     * handling code lets it (AMBER coordinators, GREEN every authority), never a provider or an NGO.
     * Whoever may not is told the order does not exist, so no answer leaks its owner or handling code.
     */
    public static boolean canSee(Actor actor, RemovalOrder order) {
        for (Party party : values()) {
            if (party.is(actor, order)) {
                return true;
            }
        }
        return actor.agencyKind().isAuthority() && order.handling().visibleTo(actor, order.agency());
    }

    static void requireVisible(Actor actor, RemovalOrder order) {
        if (!canSee(actor, order)) {
            throw OrderStore.notFound(order.id());
        }
    }

    void require(Actor actor, RemovalOrder order, String verb) {
        if (!is(actor, order)) {
            throw new TakedownException(TakedownException.Kind.FORBIDDEN, "only " + description + " may " + verb
                    + " order " + order.id() + "; " + actor.name() + " acts for " + actor.agency());
        }
    }
}
