package io.takedown.access;

import io.takedown.core.TakedownException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a role may do, and what an organisation of a given kind may ever do: an action is allowed when one
 * of the actor's roles allows it AND the actor's agency kind allows it (an approver at a provider approves
 * nothing). Party rules (only the issuer sends, only the addressee answers, only the host state
 * scrutinises), four-eyes and handling codes are checked by the services on top of this.
 */
public final class Policy {

    private static final Map<Role, Set<Action>> BY_ROLE = new EnumMap<>(Role.class);
    private static final Map<AgencyKind, Set<Action>> BY_KIND = new EnumMap<>(AgencyKind.class);

    static {
        BY_ROLE.put(Role.ANALYST, EnumSet.of(Action.CREATE_CASE, Action.ADD_ITEM, Action.VIEW_ITEM,
                Action.DECONFLICT, Action.CREATE_REFERRAL, Action.DRAFT_ORDER, Action.VIEW_ORDER));
        BY_ROLE.put(Role.APPROVER, EnumSet.of(Action.VIEW_ITEM, Action.DECONFLICT, Action.SEND_REFERRAL,
                Action.RECORD_REFERRAL_OUTCOME, Action.APPROVE_ORDER, Action.SEND_ORDER, Action.RECORD_RECEIPT,
                Action.RESUME_ORDER, Action.RECORD_SCRUTINY, Action.MANAGE_PRESERVATION,
                Action.WITHHOLD_INFORMATION, Action.VIEW_ORDER, Action.REPORT));
        BY_ROLE.put(Role.COORDINATOR, EnumSet.of(Action.VIEW_ITEM, Action.DECONFLICT, Action.VIEW_ORDER,
                Action.REPORT));
        BY_ROLE.put(Role.PROVIDER_STAFF, EnumSet.of(Action.RECORD_FEEDBACK, Action.DECLARE_IMPOSSIBILITY,
                Action.CONTEST_ORDER, Action.VIEW_ORDER));
        BY_ROLE.put(Role.AUDITOR, EnumSet.of(Action.VIEW_AUDIT, Action.REPORT, Action.VIEW_ORDER));
        BY_ROLE.put(Role.ADMIN, EnumSet.of(Action.MANAGE_DIRECTORY, Action.VIEW_AUDIT));
        // Banks (server line): analysts curate and match; providers and coordinators match what they see.
        BY_ROLE.get(Role.ANALYST).addAll(EnumSet.of(Action.MATCH_CONTENT, Action.CURATE_BANKS));
        BY_ROLE.get(Role.COORDINATOR).add(Action.MATCH_CONTENT);
        BY_ROLE.get(Role.PROVIDER_STAFF).add(Action.MATCH_CONTENT);

        Set<Action> casework = EnumSet.of(Action.CREATE_CASE, Action.ADD_ITEM, Action.VIEW_ITEM,
                Action.CREATE_REFERRAL, Action.SEND_REFERRAL, Action.RECORD_REFERRAL_OUTCOME, Action.MATCH_CONTENT,
                Action.CURATE_BANKS);
        Set<Action> issuing = EnumSet.of(Action.DRAFT_ORDER, Action.APPROVE_ORDER, Action.SEND_ORDER,
                Action.RECORD_RECEIPT, Action.RESUME_ORDER, Action.MANAGE_PRESERVATION, Action.WITHHOLD_INFORMATION,
                Action.RECORD_SCRUTINY);
        Set<Action> oversight = EnumSet.of(Action.DECONFLICT, Action.VIEW_ORDER, Action.VIEW_AUDIT, Action.REPORT,
                Action.MANAGE_DIRECTORY);
        Set<Action> authority = EnumSet.copyOf(casework);
        authority.addAll(oversight);
        BY_KIND.put(AgencyKind.REFERRAL_UNIT, EnumSet.copyOf(authority));
        BY_KIND.put(AgencyKind.COORDINATOR, EnumSet.copyOf(authority));
        authority.addAll(issuing);
        BY_KIND.put(AgencyKind.COMPETENT_AUTHORITY, authority);
        BY_KIND.put(AgencyKind.PROVIDER, EnumSet.of(Action.RECORD_FEEDBACK, Action.DECLARE_IMPOSSIBILITY,
                Action.CONTEST_ORDER, Action.VIEW_ORDER, Action.MATCH_CONTENT));
        BY_KIND.put(AgencyKind.NGO, EnumSet.copyOf(casework));
    }

    private Policy() {
    }

    public static boolean allows(Role role, Action action) {
        return BY_ROLE.getOrDefault(role, Set.of()).contains(action);
    }

    public static boolean allows(AgencyKind kind, Action action) {
        return BY_KIND.getOrDefault(kind, Set.of()).contains(action);
    }

    public static boolean allows(Actor actor, Action action) {
        return allows(actor.agencyKind(), action) && actor.roles().stream()
                .filter(role -> actor.agencyKind().allowedRoles().contains(role))
                .anyMatch(role -> allows(role, action));
    }

    public static void check(Actor actor, Action action) {
        if (!allows(actor, action)) {
            throw new TakedownException(TakedownException.Kind.FORBIDDEN, actor.name() + " (" + actor.roles()
                    + " at " + actor.agencyKind().name().toLowerCase(Locale.ROOT) + " " + actor.agency()
                    + ") may not " + verb(action));
        }
    }

    static String verb(Action action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
