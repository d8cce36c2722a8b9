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
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

    /**
     * Ahead of H-hour (the CLI's {@code strike --wait} calls it shortly before): the dispatcher loads what
     * was held at the go and opens its connections, so that H-hour only decides and releases.
     */
    public void prepare(Actor actor, long actionId, Dispatcher dispatcher) {
        ActionDay day = database.inReadTransaction(connection -> ActionDays.load(connection, actionId));
        ActionAccess.requireCoordinatorOf(actor, day.coordinator());
        dispatcher.prepare(actionId);
    }

    public StrikeReport strike(Actor actor, long actionId, Dispatcher dispatcher) {
        if (!dispatcher.prepared(actionId)) {
            prepare(actor, actionId, dispatcher);
        }
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
            Map<Long, String> withdrawn = new HashMap<>();
            for (Target target : ActionDays.targets(connection, actionId)) {
                TargetOutcome outcome = target.outcome().orElseThrow();
                if (outcome == TargetOutcome.NOT_FIRED) {
                    notFired.merge(reasonKind(target.outcomeReason().orElse("")), 1, Integer::sum);
                    target.orderId().ifPresent(order -> withdrawn.put(order, target.outcomeReason().orElse("not fired")));
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
            // What fires is released at once; what does not is taken back, in this same transaction.
            dispatcher.release(connection, actionId, withdrawn, actor.name(), now);
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
            recordAll(connection, results);
            ActionDays.setStatus(connection, actionId, ActionStatus.STRUCK, "struck_at", clock.instant());
            audit.append(connection, actor.name(), actor.agency(), "action-struck", "action:" + actionId,
                    delivered + " acknowledged, " + failed(results) + " failed, " + notFired.values().stream()
                            .mapToInt(Integer::intValue).sum() + " not fired");
            return null;
        });
        return report(actionId, results, notFired, alreadySent[0], started);
    }

    /** Every answer onto its target, in JDBC batches (one round trip per batch on PostgreSQL). */
    private static void recordAll(Connection connection, List<ShotResult> results) throws SQLException {
        try (PreparedStatement failed = connection.prepareStatement(
                "UPDATE action_target SET outcome = ?, outcome_reason = ? WHERE id = ?");
             PreparedStatement fired = connection.prepareStatement(
                     "UPDATE action_target SET fired_at = ?, outcome_reason = ? WHERE id = ?")) {
            int pending = 0;
            for (ShotResult result : results) {
                if (result.outcome() == ShotResult.Outcome.FAILED) {
                    failed.setString(1, TargetOutcome.FAILED.name());
                    failed.setString(2, result.detail());
                    failed.setLong(3, result.targetId());
                    failed.addBatch();
                } else {
                    fired.setString(1, Timestamps.format(result.at()));
                    fired.setString(2, result.detail());
                    fired.setLong(3, result.targetId());
                    fired.addBatch();
                }
                if (++pending % 1000 == 0) {
                    failed.executeBatch();
                    fired.executeBatch();
                }
            }
            failed.executeBatch();
            fired.executeBatch();
        }
    }

    /** The go/no-go at H-hour, target by target, with the reason a board shows. */
    private static void decide(Connection connection, ActionDay day, Instant now) throws SQLException {
        Map<Long, OrderStates.OrderState> states = OrderStates.ofAction(connection, day.id());
        List<Target> open = ActionDays.targets(connection, day.id()).stream().filter(t -> t.outcome().isEmpty()).toList();
        Map<Long, String> urls = new HashMap<>();
        open.forEach(t -> urls.put(t.id(), t.url()));
        Map<Long, String> holding = Deconfliction.checkAll(connection, now, urls);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE action_target SET outcome = ?, outcome_reason = ? WHERE id = ?")) {
            int pending = 0;
            for (Target target : open) {
                Optional<String> held = Optional.ofNullable(holding.get(target.id()));
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
                update.setString(1, (reason == null ? TargetOutcome.FIRED : TargetOutcome.NOT_FIRED).name());
                if (reason == null) {
                    update.setNull(2, java.sql.Types.VARCHAR);
                } else {
                    update.setString(2, reason);
                }
                update.setLong(3, target.id());
                update.addBatch();
                if (++pending % 1000 == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
    }

    /** The first words of a reason, to count not-fired targets by kind. */
    static String reasonKind(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static StrikeReport report(long actionId, List<ShotResult> results, Map<String, Integer> notFired,
                                       int alreadySent, long started) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        List<ShotResult> sent = results.stream().filter(r -> r.outcome() != ShotResult.Outcome.FAILED).toList();
        long first = sent.stream().mapToLong(ShotResult::sentNanos).min().orElse(0);
        long last = sent.stream().mapToLong(ShotResult::sentNanos).max().orElse(0);
        long[] latencies = sent.stream().mapToLong(ShotResult::latencyNanos).sorted().toArray();
        int delivered = (int) results.stream().filter(ShotResult::delivered).count();
        int failed = failed(results);
        return new StrikeReport(actionId, results.size(), delivered, results.size() - delivered - failed, failed,
                Map.copyOf(notFired), alreadySent, Duration.ofNanos(last - first), percentile(latencies, 0.50),
                percentile(latencies, 0.99), elapsed, Duration.ofNanos(sent.isEmpty() ? 0 : Math.max(0, first - started)));
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
