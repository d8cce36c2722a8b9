package io.takedown.operations.plan;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.audit.AuditLog;
import io.takedown.operations.ActionAccess;
import io.takedown.operations.OrderStates;
import io.takedown.orders.OrderService;
import io.takedown.orders.RemovalOrder;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each participating agency's go for its part of a frozen plan. Four eyes inside the agency: the approver
 * may not have added any of the part's targets, and every order is approved through the order workflow,
 * which applies its own four-eyes rule and starts the prior-notice clock of first orders. A part without
 * a go does not fire at H-hour.
 */
public final class GoNoGo {

    private final Database database;
    private final OrderService orders;
    private final AuditLog audit;
    private final Clock clock;

    public GoNoGo(Database database, OrderService orders, AuditLog audit, Clock clock) {
        this.database = database;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
    }

    /** The go of one agency: how many orders it approved, and what will still not fire at H-hour. */
    public record Go(long actionId, String agency, String approvedBy, int ordersApproved, List<String> warnings) {
    }

    public Go approve(Actor actor, long actionId) {
        ActionDay day = database.inTransaction(connection -> ActionDays.load(connection, actionId));
        ActionAccess.requireParticipant(actor, day.participants(), Action.APPROVE_ORDER);
        if (day.status() != ActionStatus.FROZEN) {
            throw ActionAccess.conflict("action day " + actionId + " is " + day.status().label()
                    + "; parts are approved once the plan is frozen and before H-hour");
        }
        Instant now = clock.instant();
        if (!now.isBefore(day.hHour())) {
            throw ActionAccess.conflict("H-hour " + day.hHour() + " has passed; the go came too late");
        }
        if (day.part(actor.agency()).orElseThrow().approved()) {
            throw ActionAccess.conflict(actor.agency() + " already approved its part");
        }
        List<Target> part = database.inTransaction(connection -> ActionDays.targets(connection, actionId)).stream()
                .filter(t -> t.agency().equals(actor.agency())).toList();
        if (part.stream().anyMatch(t -> t.addedBy().equals(actor.name()))) {
            throw ActionAccess.forbidden("four eyes: " + actor.name() + " added targets to " + actor.agency()
                    + "'s part and may not also approve it");
        }
        Map<Long, OrderStates.OrderState> states = database.inTransaction(c -> OrderStates.ofAction(c, actionId));
        List<Long> drafts = new ArrayList<>();
        List<Long> toStage = new ArrayList<>();
        for (Target target : part) {
            if (target.orderId().isEmpty()) {
                continue;
            }
            long orderId = target.orderId().getAsLong();
            OrderStates.OrderState state = states.get(orderId);
            if (state != null && state.status().equals("DRAFT")) {
                drafts.add(orderId);
            }
            if (state != null && (state.status().equals("DRAFT") || state.status().equals("APPROVED"))) {
                toStage.add(orderId);
            }
        }
        // In batches: ten thousand orders are approved, signed by this authority's key and held in the outbox in
        // seconds, so that H-hour only releases them.
        OrderService.Bulk approval = orders.approveAll(actor, drafts);
        List<String> warnings = new ArrayList<>();
        approval.refused().forEach((orderId, why) -> warnings.add("order " + orderId + " not approved: " + why));
        for (RemovalOrder order : approval.done()) {
            order.earliestSendAt().filter(day.hHour()::isBefore).ifPresent(earliest -> warnings.add("order "
                    + order.id() + " is the first to " + order.provider() + ": its prior notice runs until " + earliest
                    + ", after H-hour, so it will not fire (Art. 3(2))"));
        }
        OrderService.Bulk staged = orders.stageAll(actor, toStage.stream().filter(id -> !approval.refused()
                .containsKey(id)).toList(), ActionDay.holdTag(actionId));
        staged.refused().forEach((orderId, why) -> warnings.add("order " + orderId + " not signed ahead of H-hour "
                + "(it will be at H-hour): " + why));
        int count = approval.done().size();
        database.inTransaction(connection -> {
            // The strike decides every target in one transaction once it begins: a go that lands after that
            // would contradict the record of what fired, so it counts only while the plan is still frozen.
            // Both take the audit head lock first, so on PostgreSQL too one of them sees the other's result.
            audit.lockHead(connection);
            if (ActionDays.load(connection, actionId).status() != ActionStatus.FROZEN) {
                throw ActionAccess.conflict("the strike of action day " + actionId + " began while " + actor.agency()
                        + " was approving: its part did not fire; " + count + " order(s) were approved and can be "
                        + "sent through the order workflow");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE action_part SET approved_by = ?, "
                    + "approved_at = ? WHERE action_id = ? AND agency_id = (SELECT id FROM agency WHERE code = ?) "
                    + "AND approved_by IS NULL")) {
                update.setString(1, actor.name());
                update.setString(2, Timestamps.format(now));
                update.setLong(3, actionId);
                update.setString(4, actor.agency());
                if (update.executeUpdate() != 1) {
                    throw ActionAccess.conflict(actor.agency() + " already approved its part");
                }
            }
            audit.append(connection, actor.name(), actor.agency(), "action-part-approved", "action:" + actionId,
                    count + " order(s) approved; " + part.size() + " target(s) in the part");
            return null;
        });
        return new Go(actionId, actor.agency(), actor.name(), count, warnings);
    }
}
