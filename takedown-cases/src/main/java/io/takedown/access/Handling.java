package io.takedown.access;

import io.takedown.core.InvalidInputException;
import java.util.Locale;

/**
 * Who may see a case or item, in the traffic-light convention agencies use: RED the owning agency only,
 * AMBER also coordinators (the Europol-like hub), GREEN every authority in the system. Providers and NGOs
 * see items only through what is sent to them. Whether an item may leave the agency is a separate flag.
 */
public enum Handling {
    RED, AMBER, GREEN;

    public static Handling parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, "handling must be red, amber or green, got '" + text + "'");
        }
    }

    /** May someone of {@code viewer}'s agency see what {@code ownerAgency} holds under this code? */
    public boolean visibleTo(Actor viewer, String ownerAgency) {
        if (viewer.agency().equals(ownerAgency)) {
            return true;
        }
        if (viewer.agencyKind() == AgencyKind.PROVIDER || viewer.agencyKind() == AgencyKind.NGO) {
            return false;
        }
        return switch (this) {
            case RED -> false;
            case AMBER -> viewer.agencyKind() == AgencyKind.COORDINATOR;
            case GREEN -> true;
        };
    }
}
