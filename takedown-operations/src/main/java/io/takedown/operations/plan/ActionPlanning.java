package io.takedown.operations.plan;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.Agency;
import io.takedown.cases.AgencyKeys;
import io.takedown.cases.Directory;
import io.takedown.cases.ReferralService;
import io.takedown.core.Hex;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.operations.ActionAccess;
import io.takedown.operations.OrderStates;
import io.takedown.operations.deconfliction.Conflict;
import io.takedown.operations.deconfliction.Deconfliction;
import io.takedown.orders.Deadlines;
import io.takedown.orders.OrderService;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans an action day: the coordinator creates it with its participants and H-hour; each participating
 * agency adds targets from its own cases (the orders are drafted by its analysts through the order
 * workflow); the coordinator freezes the plan, which re-checks deconfliction and the Regulation's prior
 * notice against H-hour and signs the whole plan.
 */
public final class ActionPlanning {

    private final Database database;
    private final Directory directory;
    private final OrderService orders;
    private final ReferralService referrals;
    private final AuditLog audit;
    private final AgencyKeys keys;
    private final Clock clock;

    public ActionPlanning(Database database, Directory directory, OrderService orders, ReferralService referrals,
                          AuditLog audit, AgencyKeys keys, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.orders = orders;
        this.referrals = referrals;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
    }

    /** What adding targets did: the targets, and the conflicts that hold some of them. */
    public record Added(List<Target> targets, List<Conflict> conflicts, int skipped) {
    }

    public ActionDay create(Actor actor, String name, Instant hHour, List<String> participants) {
        ActionAccess.requireCoordinatorRole(actor);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException(null, "an action day needs a name of 1-200 characters");
        }
        Instant now = clock.instant();
        if (!hHour.isAfter(now)) {
            throw new InvalidInputException(null, "H-hour " + hHour + " is not in the future (now " + now + ")");
        }
        Set<String> unique = new LinkedHashSet<>(participants);
        if (unique.isEmpty()) {
            throw new InvalidInputException(null, "an action day needs at least one participating agency");
        }
        List<Agency> agencies = new ArrayList<>();
        for (String code : unique) {
            Agency agency = directory.agency(code);
            if (agency.kind() != AgencyKind.COMPETENT_AUTHORITY && agency.kind() != AgencyKind.REFERRAL_UNIT) {
                throw new InvalidInputException(null, code + " is a " + agency.kind().name().toLowerCase()
                        + ", not a member state's authority that can issue orders");
            }
            agencies.add(agency);
        }
        return database.inTransaction(connection -> {
            long coordinatorId = Directory.agency(connection, actor.agency()).orElseThrow().id();
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO action_day (name, coordinator_id, "
                    + "h_hour, status, created_by, created_at) VALUES (?, ?, ?, 'PLANNING', ?, ?) RETURNING id")) {
                insert.setString(1, name);
                insert.setLong(2, coordinatorId);
                insert.setString(3, Timestamps.format(hHour));
                insert.setString(4, actor.name());
                insert.setString(5, Timestamps.format(now));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            for (Agency agency : agencies) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO action_part (action_id, agency_id, added_at) VALUES (?, ?, ?)")) {
                    insert.setLong(1, id);
                    insert.setLong(2, agency.id());
                    insert.setString(3, Timestamps.format(now));
                    insert.executeUpdate();
                }
            }
            audit.append(connection, actor.name(), actor.agency(), "action-created", "action:" + id,
                    "H-hour " + hHour + ", parts " + String.join(" ", unique));
            return ActionDays.load(connection, id);
        });
    }

    /**
     * Drafts an order (or referral) for each requested item of the agency's case and adds it as a target;
     * items already targeted at the same provider in this action day are skipped.
     */
    public Added addTargets(Actor actor, long actionId, TargetRequest request) {
        ActionDay day = get(actor, actionId);
        ActionAccess.requireParticipant(actor, day.participants(),
                request.kind() == TargetKind.ORDER ? Action.DRAFT_ORDER : Action.CREATE_REFERRAL);
        requirePlanning(day);
        Agency provider = directory.agency(request.provider());
        if (provider.kind() != AgencyKind.PROVIDER) {
            throw new InvalidInputException(null, request.provider() + " is not a hosting service provider");
        }
        if (request.kind() == TargetKind.REFERRAL && request.emergencyReason().isPresent()) {
            throw new InvalidInputException(null, "a referral has no deadline and so no emergency");
        }
        List<Long> items = database.inTransaction(connection -> {
            List<Long> ofCase = caseItems(connection, actor, request.caseId());
            if (request.itemIds().isEmpty()) {
                return ofCase;
            }
            for (long id : request.itemIds()) {
                if (!ofCase.contains(id)) {
                    throw new InvalidInputException(null, "item " + id + " is not in case " + request.caseId());
                }
            }
            return request.itemIds();
        });
        Set<Long> already = new HashSet<>();
        database.inTransaction(connection -> {
            for (Target target : ActionDays.targets(connection, actionId)) {
                if (target.provider().equals(provider.code())) {
                    already.add(target.itemId());
                }
            }
            return null;
        });
        // Each draft is its own transaction in the order workflow; a crash here leaves unsent drafts only.
        List<long[]> drafted = new ArrayList<>();
        for (long item : items) {
            if (already.contains(item)) {
                continue;
            }
            long id = request.kind() == TargetKind.ORDER
                    ? orders.draft(actor, item, provider.code(), TargetRequest.LEGAL_BASIS, request.reasons(),
                            request.emergencyReason().isPresent(), request.language()).id()
                    : referrals.create(actor, item, provider.code()).id();
            drafted.add(new long[] {item, id});
        }
        int skipped = items.size() - drafted.size();
        return database.inTransaction(connection -> {
            requirePlanning(ActionDays.load(connection, actionId));
            long agencyId = Directory.agency(connection, actor.agency()).orElseThrow().id();
            Instant now = clock.instant();
            Set<Long> added = new HashSet<>();
            for (long[] pair : drafted) {
                long targetId;
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO action_target (action_id, "
                        + "agency_id, item_id, provider_id, kind, " + (request.kind() == TargetKind.ORDER ? "order_id"
                        : "referral_id") + ", emergency_reason, source, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?) RETURNING id")) {
                    insert.setLong(1, actionId);
                    insert.setLong(2, agencyId);
                    insert.setLong(3, pair[0]);
                    insert.setLong(4, provider.id());
                    insert.setString(5, request.kind().name());
                    insert.setLong(6, pair[1]);
                    insert.setString(7, request.emergencyReason().orElse(null));
                    insert.setString(8, request.source());
                    insert.setString(9, actor.name());
                    insert.setString(10, Timestamps.format(now));
                    try (ResultSet keys = insert.executeQuery()) {
                        keys.next();
                        targetId = keys.getLong(1);
                    }
                }
                added.add(targetId);
            }
            List<Target> targets = ActionDays.targets(connection, actionId).stream()
                    .filter(t -> added.contains(t.id())).toList();
            for (Target target : targets) {
                Deconfliction.check(connection, now, target.id(), target.url());
            }
            audit.append(connection, actor.name(), actor.agency(), "action-targets-added", "action:" + actionId,
                    targets.size() + " " + request.kind().name().toLowerCase() + "(s) to " + provider.code() + " from "
                            + request.source() + request.emergencyReason().map(r -> ", emergency: " + r).orElse(""));
            List<Conflict> conflicts = Deconfliction.conflicts(connection, actor, actionId, day.coordinator()).stream()
                    .filter(c -> added.contains(c.targetId())).toList();
            return new Added(targets, conflicts, skipped);
        });
    }

    /**
     * Freezes and signs the plan. Refused while a provider's first (non-emergency) order could not have its
     * 12-hour prior notice run out by H-hour (Art. 3(2)); targets held by deconfliction stay in the plan,
     * marked held, and fire only once released.
     */
    public ActionDay freeze(Actor actor, long actionId) {
        return database.inTransaction(connection -> {
            ActionDay day = ActionDays.load(connection, actionId);
            ActionAccess.requireCoordinatorOf(actor, day.coordinator());
            requirePlanning(day);
            Instant now = clock.instant();
            if (!day.hHour().isAfter(now)) {
                throw ActionAccess.conflict("H-hour " + day.hHour() + " has passed; a plan is frozen before it");
            }
            List<Target> targets = ActionDays.targets(connection, actionId);
            if (targets.isEmpty()) {
                throw ActionAccess.conflict("action day " + actionId + " has no targets to freeze");
            }
            Map<Long, OrderStates.OrderState> states = OrderStates.ofAction(connection, actionId);
            List<String> tooLate = new ArrayList<>();
            List<Target> firstOrders = new ArrayList<>();
            for (Target target : targets) {
                Deconfliction.check(connection, now, target.id(), target.url());
                if (target.orderId().isEmpty()) {
                    continue;
                }
                OrderStates.OrderState state = states.get(target.orderId().getAsLong());
                if (state != null && state.firstForProvider() && !state.emergency()) {
                    firstOrders.add(target);
                    if (now.plus(Deadlines.PRIOR_NOTICE).isAfter(day.hHour())) {
                        tooLate.add("target " + target.id() + " (first order to " + target.provider() + ")");
                    }
                }
            }
            if (!tooLate.isEmpty()) {
                throw ActionAccess.conflict("the 12-hour prior notice of a provider's first order (Art. 3(2)) cannot "
                        + "run out before H-hour " + day.hHour() + " for " + String.join(", ", tooLate.subList(0,
                        Math.min(5, tooLate.size()))) + (tooLate.size() > 5 ? " and " + (tooLate.size() - 5) + " more"
                        : "") + "; move H-hour or make them emergencies with a recorded reason");
            }
            List<Conflict> conflicts = Deconfliction.conflicts(connection, actor, actionId, day.coordinator());
            String document = PlanDocument.json(day, targets, conflicts, firstOrders, actor, now);
            Signer signer = keys.signer(day.coordinator());
            String jws = PlanSignature.sign(signer, document);
            try (PreparedStatement update = connection.prepareStatement("UPDATE action_day SET status = 'FROZEN', "
                    + "frozen_by = ?, frozen_at = ?, plan_document = ?, plan_signature = ?, plan_key_id = ? "
                    + "WHERE id = ? AND status = 'PLANNING'")) {
                update.setString(1, actor.name());
                update.setString(2, Timestamps.format(now));
                update.setString(3, document);
                update.setString(4, jws);
                update.setString(5, signer.keyId());
                update.setLong(6, actionId);
                if (update.executeUpdate() != 1) {
                    throw ActionAccess.conflict("action day " + actionId + " changed while freezing; try again");
                }
            }
            audit.append(connection, actor.name(), actor.agency(), "action-frozen", "action:" + actionId,
                    "plan sha256 " + Hex.sha256(document) + " signed by key " + signer.keyId());
            return ActionDays.load(connection, actionId);
        });
    }

    /** Whether the frozen plan's signature verifies under the coordinator's key and matches its document. */
    public boolean verifyPlan(Actor actor, long actionId) {
        ActionDay day = get(actor, actionId);
        SignedPlan plan = day.plan().orElseThrow(() -> ActionAccess.conflict("action day " + actionId
                + " is not frozen yet"));
        Signer coordinator = keys.signer(day.coordinator());
        return PlanSignature.verify(plan.jws(), coordinator.keyId(), coordinator.publicKey())
                .map(plan.document()::equals).orElse(false);
    }

    /** An action day, for its coordinator and participants. */
    public ActionDay get(Actor actor, long actionId) {
        ActionDay day = database.inTransaction(connection -> ActionDays.load(connection, actionId));
        ActionAccess.requireViewer(actor, day.coordinator(), day.participants());
        return day;
    }

    /** Action days the actor coordinates or takes part in. */
    public List<ActionDay> list(Actor actor) {
        return database.inTransaction(connection -> {
            List<ActionDay> out = new ArrayList<>();
            for (long id : ActionDays.ids(connection)) {
                ActionDay day = ActionDays.load(connection, id);
                if (day.coordinator().equals(actor.agency()) || day.participants().contains(actor.agency())) {
                    out.add(day);
                }
            }
            return out;
        });
    }

    /**
     * The targets the actor may see: its own agency's, or all for the coordinator, each URL only as far as its
     * item's handling code allows ({@link Target#RESTRICTED} otherwise).
     */
    public List<Target> targets(Actor actor, long actionId) {
        ActionDay day = get(actor, actionId);
        return database.inTransaction(connection -> ActionDays.targets(connection, actionId)).stream()
                .filter(t -> actor.agency().equals(day.coordinator()) || t.agency().equals(actor.agency()))
                .map(t -> t.seenBy(actor)).toList();
    }

    private static void requirePlanning(ActionDay day) {
        if (day.status() != ActionStatus.PLANNING) {
            throw ActionAccess.conflict("action day " + day.id() + " is " + day.status().label()
                    + "; targets change only while planning");
        }
    }

    private static List<Long> caseItems(Connection connection, Actor actor, long caseId) throws SQLException {
        String owner = null;
        try (PreparedStatement query = connection.prepareStatement("SELECT a.code FROM case_file c "
                + "JOIN agency a ON a.id = c.agency_id WHERE c.id = ?")) {
            query.setLong(1, caseId);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    owner = rows.getString(1);
                }
            }
        }
        if (owner == null || !owner.equals(actor.agency())) {
            // Another agency's case is "not found", so its existence is not confirmed.
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no case " + caseId + " of " + actor.agency());
        }
        List<Long> items = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM case_item WHERE case_id = ? ORDER BY id")) {
            query.setLong(1, caseId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    items.add(rows.getLong(1));
                }
            }
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(null, "case " + caseId + " has no items to target");
        }
        return items;
    }
}
