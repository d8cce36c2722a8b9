package io.takedown.access;

import io.takedown.core.TakedownException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The role x action matrix. Four-eyes rules (an order's approver is not its drafter) and handling codes
 * are checked by the services on top of it.
 */
public final class Policy {

    private static final Map<Role, Set<Action>> ALLOWED = new EnumMap<>(Role.class);

    static {
        ALLOWED.put(Role.ANALYST, EnumSet.of(Action.CREATE_CASE, Action.ADD_ITEM, Action.VIEW_ITEM,
                Action.CREATE_REFERRAL, Action.DRAFT_ORDER, Action.VIEW_ORDER));
        ALLOWED.put(Role.APPROVER, EnumSet.of(Action.VIEW_ITEM, Action.SEND_REFERRAL, Action.RECORD_REFERRAL_OUTCOME,
                Action.APPROVE_ORDER, Action.SEND_ORDER, Action.RECORD_FEEDBACK, Action.DECLARE_IMPOSSIBILITY,
                Action.RECORD_SCRUTINY, Action.MANAGE_PRESERVATION, Action.VIEW_ORDER, Action.REPORT));
        ALLOWED.put(Role.COORDINATOR, EnumSet.of(Action.VIEW_ITEM, Action.VIEW_ORDER, Action.REPORT));
        ALLOWED.put(Role.PROVIDER_STAFF, EnumSet.of(Action.RECORD_FEEDBACK, Action.DECLARE_IMPOSSIBILITY,
                Action.VIEW_ORDER));
        ALLOWED.put(Role.AUDITOR, EnumSet.of(Action.VIEW_AUDIT, Action.REPORT, Action.VIEW_ORDER));
        ALLOWED.put(Role.ADMIN, EnumSet.of(Action.MANAGE_DIRECTORY, Action.VIEW_AUDIT));
        // Banks (server line): analysts curate and match; providers and coordinators match what they see.
        ALLOWED.get(Role.ANALYST).addAll(EnumSet.of(Action.MATCH_CONTENT, Action.CURATE_BANKS));
        ALLOWED.get(Role.COORDINATOR).add(Action.MATCH_CONTENT);
        ALLOWED.get(Role.PROVIDER_STAFF).add(Action.MATCH_CONTENT);
    }

    private Policy() {
    }

    public static boolean allows(Role role, Action action) {
        return ALLOWED.getOrDefault(role, Set.of()).contains(action);
    }

    public static boolean allows(Actor actor, Action action) {
        return actor.roles().stream().anyMatch(role -> allows(role, action));
    }

    public static void check(Actor actor, Action action) {
        if (!allows(actor, action)) {
            throw new TakedownException(TakedownException.Kind.FORBIDDEN, actor.name() + " (" + actor.roles()
                    + ") may not " + action.name().toLowerCase().replace('_', ' '));
        }
    }
}
