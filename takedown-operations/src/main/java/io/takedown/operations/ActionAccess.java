package io.takedown.operations;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Policy;
import io.takedown.access.Role;
import io.takedown.core.TakedownException;
import java.util.Collection;

/**
 * Who may do what on an action day. Roles come from {@link Policy}; on top of it the agency matters: the
 * coordinator agency plans, freezes and strikes; each participating authority adds and approves only its
 * own part; the board is for the coordinator and the participants.
 */
public final class ActionAccess {

    private ActionAccess() {
    }

    /** A coordinator (role) of a coordinating agency (kind). */
    public static void requireCoordinatorRole(Actor actor) {
        if (actor.agencyKind() != AgencyKind.COORDINATOR || !actor.roles().contains(Role.COORDINATOR)) {
            throw forbidden(actor.name() + " is not a coordinator of a coordinating agency");
        }
    }

    /** The coordinator of this action day. */
    public static void requireCoordinatorOf(Actor actor, String coordinatorAgency) {
        requireCoordinatorRole(actor);
        if (!actor.agency().equals(coordinatorAgency)) {
            throw forbidden("the action day is coordinated by another agency");
        }
    }

    /** A user of a participating agency with the right for {@code action} (e.g. drafting or approving orders). */
    public static void requireParticipant(Actor actor, Collection<String> participants, Action action) {
        Policy.check(actor, action);
        if (!participants.contains(actor.agency())) {
            throw forbidden(actor.agency() + " does not take part in this action day");
        }
    }

    /**
     * The coordinator agency and the participants see the board and the report, through users who may see
     * orders or audit them (not, say, the directory's administrator).
     */
    public static void requireViewer(Actor actor, String coordinatorAgency, Collection<String> participants) {
        boolean coordinator = actor.agency().equals(coordinatorAgency) && actor.agencyKind() == AgencyKind.COORDINATOR;
        if (!coordinator && !participants.contains(actor.agency())) {
            throw forbidden(actor.agency() + " neither coordinates nor takes part in this action day");
        }
        if (!Policy.allows(actor, Action.VIEW_ORDER) && !holds(actor, Role.AUDITOR)) {
            throw forbidden(actor.name() + " may not view orders, so not the action day either");
        }
    }

    /** The approver of an authority: lifts what its agency protects (deconfliction) or gives its go. */
    public static void requireAuthorityApprover(Actor actor, String what) {
        Policy.check(actor, Action.DECONFLICT);
        if (!holds(actor, Role.APPROVER)) {
            throw forbidden(actor.name() + " is not an approver of " + actor.agency() + " and may not " + what);
        }
    }

    /** A role the actor holds and its agency kind allows. */
    private static boolean holds(Actor actor, Role role) {
        return actor.roles().contains(role) && actor.agencyKind().allowedRoles().contains(role);
    }

    public static TakedownException forbidden(String message) {
        return new TakedownException(TakedownException.Kind.FORBIDDEN, message);
    }

    public static TakedownException conflict(String message) {
        return new TakedownException(TakedownException.Kind.CONFLICT, message);
    }
}
