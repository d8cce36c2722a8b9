package io.takedown.operations.dispatch;

import io.takedown.access.Actor;
import io.takedown.audit.AuditLog;
import io.takedown.cases.Directory;
import io.takedown.operations.ActionAccess;
import io.takedown.operations.OrderStates;
import io.takedown.operations.deconfliction.Deconfliction;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.ActionDays;
import io.takedown.operations.plan.ActionStatus;
import io.takedown.operations.plan.Part;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetKind;
import io.takedown.operations.plan.TargetOutcome;
import io.takedown.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fires a frozen action day at or after H-hour. The decision for each target is written first, in one
 * transaction; then every fired target goes to the {@link Dispatcher} at once; then each answer is
 * recorded. Run again after a crash, it skips what is decided and what was sent.
 */
public final class Strike {

    private final Database database;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    public Strike(Database database, Directory directory, AuditLog audit, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    public StrikeReport strike(Actor actor, long actionId, Dispatcher dispatcher) {
        long started = System.nanoTime();
        Map<String, Integer> notFired = new TreeMap<>();
        List<Target> toFire = new ArrayList<>();
        int[] alreadySent = {0};
        ActionDay day = database.inTransaction(connection -> {
            // Writers of an action day lock in one order (the audit head first), so two strikes, or a strike
            // and a late go, never decide on what the other is changing (PostgreSQL; SQLite serialises anyway).
            audit.lockHead(connection);
            ActionDay current = ActionDays.load(connection, actionId);
            ActionAccess.requireCoordinatorOf(actor, current.coordinator());
            Instant now = clock.instant();
            if (current.status() == ActionStatus.PLANNING) {
                throw ActionAccess.conflict("action day " + actionId + " is not frozen; freeze and sign the plan first");
            }
            if (current.status() == ActionStatus.STRUCK) {
                throw ActionAccess.conflict("action day " + actionId + " has already struck");
            }
            if (now.isBefore(current.hHour())) {
                throw ActionAccess.conflict("H-hour is " + current.hHour() + " (now " + now + "); nothing fires before it");
            }
            if (current.status() == ActionStatus.FROZEN) {
                decide(connection, current, now);
                ActionDays.setStatus(connection, actionId, ActionStatus.STRIKING, "strike_started_at", now);
                audit.append(connection, actor.name(), actor.agency(), "action-strike", "action:" + actionId,
                        "H-hour " + current.hHour());
            }
            Map<Long, OrderStates.OrderState> states = OrderStates.ofAction(connection, actionId);
            for (Target target : ActionDays.targets(connection, actionId)) {
                TargetOutcome outcome = target.outcome().orElseThrow();
                if (outcome == TargetOutcome.NOT_FIRED) {
                    notFired.merge(reasonKind(target.outcomeReason().orElse("")), 1, Integer::sum);
                } else if (outcome == TargetOutcome.FIRED && target.firedAt().isEmpty()) {
                    Optional<OrderStates.OrderState> state = target.orderId().stream().mapToObj(states::get).findFirst();
                    if (state.isPresent() && !state.get().status().equals("APPROVED")) {
                        // Queued (or sent) by a run that died before recording it: record it, never queue it
                        // twice; the relay delivers what is still queued under the same idempotency key.
                        ActionDays.fired(connection, target.id(), state.get().receivedAt().orElse(now),
                                "queued before an interruption");
                        alreadySent[0]++;
                    } else {
                        toFire.add(target);
                    }
                }
            }
            return ActionDays.load(connection, actionId);
        });
        Map<String, Actor> senders = new HashMap<>();
        for (Part part : day.parts()) {
            part.approvedBy().ifPresent(name -> senders.put(part.agency(), directory.actor(name)));
        }
        List<Shot> shots = toFire.stream().map(t -> new Shot(t.id(), t.kind(), t.kind() == TargetKind.ORDER
                ? t.orderId().getAsLong() : t.referralId().getAsLong(), t.provider(), senders.get(t.agency()))).toList();
        // Also with nothing new to fire: a resumed strike delivers what an interrupted one left queued.
        List<ShotResult> results = dispatcher.fire(shots);
        int delivered = (int) results.stream().filter(ShotResult::delivered).count();
        database.inTransaction(connection -> {
            for (ShotResult result : results) {
                if (result.outcome() == ShotResult.Outcome.FAILED) {
                    ActionDays.decide(connection, result.targetId(), TargetOutcome.FAILED, result.detail());
                } else {
                    ActionDays.fired(connection, result.targetId(), result.at(), result.detail());
                }
            }
            ActionDays.setStatus(connection, actionId, ActionStatus.STRUCK, "struck_at", clock.instant());
            audit.append(connection, actor.name(), actor.agency(), "action-struck", "action:" + actionId,
                    delivered + " acknowledged, " + failed(results) + " failed, " + notFired.values().stream()
                            .mapToInt(Integer::intValue).sum() + " not fired");
            return null;
        });
        return report(actionId, results, notFired, alreadySent[0], Duration.ofNanos(System.nanoTime() - started));
    }

    /** The go/no-go at H-hour, target by target, with the reason a board shows. */
    private static void decide(Connection connection, ActionDay day, Instant now) throws SQLException {
        Map<Long, OrderStates.OrderState> states = OrderStates.ofAction(connection, day.id());
        for (Target target : ActionDays.targets(connection, day.id())) {
            if (target.outcome().isPresent()) {
                continue;
            }
            Deconfliction.check(connection, now, target.id(), target.url());
            Optional<String> held = Deconfliction.holding(connection, target.id());
            Part part = day.part(target.agency()).orElseThrow();
            String reason = null;
            if (held.isPresent()) {
                reason = "held: deconfliction conflict " + held.get() + " not released by its owner";
            } else if (!part.approved()) {
                reason = "no go: " + target.agency() + " did not approve its part before H-hour";
            } else if (target.kind() == TargetKind.ORDER) {
                OrderStates.OrderState state = states.get(target.orderId().getAsLong());
                if (state == null || !state.status().equals("APPROVED")) {
                    reason = "order not ready: it is " + (state == null ? "missing" : state.status().toLowerCase());
                } else if (state.earliestSendAt().filter(now::isBefore).isPresent()) {
                    reason = "prior notice: first order to " + target.provider() + " may go from "
                            + state.earliestSendAt().get() + " (Art. 3(2)), not an emergency";
                } else if (state.firstForProvider() && !state.emergency() && state.earliestSendAt().isEmpty()) {
                    // The 12 hours run from the provider's receipt of the procedures notice, not yet acknowledged.
                    reason = "prior notice: first order to " + target.provider() + ", whose receipt of the "
                            + "procedures notice is not recorded yet (Art. 3(2)), not an emergency";
                }
            }
            ActionDays.decide(connection, target.id(), reason == null ? TargetOutcome.FIRED : TargetOutcome.NOT_FIRED,
                    reason);
        }
    }

    /** The first words of a reason, to count not-fired targets by kind. */
    static String reasonKind(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static StrikeReport report(long actionId, List<ShotResult> results, Map<String, Integer> notFired,
                                       int alreadySent, Duration elapsed) {
        List<ShotResult> sent = results.stream().filter(r -> r.outcome() != ShotResult.Outcome.FAILED).toList();
        long first = sent.stream().mapToLong(ShotResult::sentNanos).min().orElse(0);
        long last = sent.stream().mapToLong(ShotResult::sentNanos).max().orElse(0);
        long[] latencies = sent.stream().mapToLong(ShotResult::latencyNanos).sorted().toArray();
        int delivered = (int) results.stream().filter(ShotResult::delivered).count();
        int failed = failed(results);
        return new StrikeReport(actionId, results.size(), delivered, results.size() - delivered - failed, failed,
                Map.copyOf(notFired), alreadySent, Duration.ofNanos(last - first), percentile(latencies, 0.50),
                percentile(latencies, 0.99), elapsed);
    }

    private static int failed(List<ShotResult> results) {
        return (int) results.stream().filter(r -> r.outcome() == ShotResult.Outcome.FAILED).count();
    }

    static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }
}
