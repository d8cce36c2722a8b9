package io.takedown.operations.board;

import io.takedown.access.Actor;
import io.takedown.operations.ActionAccess;
import io.takedown.operations.OrderStates;
import io.takedown.operations.OrderStates.OrderState;
import io.takedown.operations.deconfliction.Conflict;
import io.takedown.operations.deconfliction.Deconfliction;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.ActionDays;
import io.takedown.operations.plan.Part;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetKind;
import io.takedown.operations.plan.TargetOutcome;
import io.takedown.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the board of an action day from the plan, its decisions and its orders' states, in one read. */
public final class BoardService {

    /** How many countdowns the board lists. */
    public static final int COUNTDOWNS = 10;

    private final Database database;
    private final Clock clock;

    public BoardService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A target with its state, for grouping. */
    public record Tracked(Target target, TargetState state, Optional<OrderState> order) {
    }

    public Board board(Actor actor, long actionId) {
        Instant now = clock.instant();
        return database.inTransaction(connection -> {
            ActionDay day = ActionDays.load(connection, actionId);
            ActionAccess.requireViewer(actor, day.coordinator(), day.participants());
            List<Target> targets = ActionDays.targets(connection, actionId);
            Map<Long, OrderState> orders = OrderStates.ofAction(connection, actionId);
            List<Conflict> conflicts = Deconfliction.conflicts(connection, actor, actionId, day.coordinator());
            Set<Long> heldNow = conflicts.stream().filter(Conflict::held).map(Conflict::targetId)
                    .collect(Collectors.toSet());
            List<Tracked> tracked = targets.stream().map(t -> track(t, orders, heldNow, now)).toList();
            boolean coordinator = actor.agency().equals(day.coordinator());
            List<Tracked> visible = coordinator ? tracked
                    : tracked.stream().filter(t -> t.target().agency().equals(actor.agency())).toList();
            return new Board(day.id(), day.name(), day.coordinator(), day.status(), day.hHour(), now, parts(day, targets),
                    row("all", visible, now), rows(visible, t -> t.target().provider(), now),
                    rows(visible, t -> t.target().providerCountry(), now),
                    rows(visible, t -> t.target().agency(), now), countdowns(visible, now), escalations(visible),
                    lines(actor, visible, day), conflicts.stream().filter(c -> coordinator || visible.stream()
                            .anyMatch(t -> t.target().id() == c.targetId())).toList());
        });
    }

    /** Every target with its state, for reports built on the board. */
    public static List<Tracked> tracked(List<Target> targets, Map<Long, OrderState> orders, Set<Long> held,
                                        Instant now) {
        return targets.stream().map(t -> track(t, orders, held, now)).toList();
    }

    static Tracked track(Target target, Map<Long, OrderState> orders, Set<Long> held, Instant now) {
        Optional<OrderState> order = target.orderId().stream().mapToObj(orders::get).filter(o -> o != null).findFirst();
        TargetState state;
        Optional<TargetOutcome> outcome = target.outcome();
        if (outcome.isEmpty()) {
            state = held.contains(target.id()) ? TargetState.HELD : TargetState.PLANNED;
        } else if (outcome.get() == TargetOutcome.NOT_FIRED) {
            state = target.outcomeReason().orElse("").startsWith("held") ? TargetState.HELD : TargetState.NOT_FIRED;
        } else if (outcome.get() == TargetOutcome.FAILED) {
            state = TargetState.FAILED;
        } else if (target.kind() == TargetKind.REFERRAL) {
            state = target.firedAt().isPresent() ? TargetState.REFERRED : TargetState.SENT;
        } else if (order.isEmpty() || order.get().receivedAt().isEmpty()) {
            state = TargetState.SENT;
        } else {
            // A contest (Art. 9) does not suspend the hour: a contested order still counts as overdue or removed.
            state = switch (order.get().status()) {
                case "EXECUTED" -> TargetState.REMOVED;
                case "CEASED" -> TargetState.CEASED;
                default -> order.get().overdueAt(now) ? TargetState.OVERDUE
                        : order.get().status().equals("SUSPENDED") ? TargetState.ANNEX_III
                        : order.get().contestedAt().isPresent() ? TargetState.CONTESTED : TargetState.ACKNOWLEDGED;
            };
        }
        return new Tracked(target, state, order);
    }

    private static List<Board.PartLine> parts(ActionDay day, List<Target> targets) {
        List<Board.PartLine> out = new ArrayList<>();
        for (Part part : day.parts()) {
            int count = (int) targets.stream().filter(t -> t.agency().equals(part.agency())).count();
            out.add(new Board.PartLine(part.agency(), part.country(), count, part.approved(), part.approvedBy(),
                    part.approvedAt()));
        }
        return out;
    }

    private static List<Board.Row> rows(List<Tracked> tracked, Function<Tracked, String> key, Instant now) {
        Map<String, List<Tracked>> groups = tracked.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.toList()));
        List<Board.Row> out = new ArrayList<>();
        groups.forEach((group, members) -> out.add(row(group, members, now)));
        return out;
    }

    static Board.Row row(String key, List<Tracked> members, Instant now) {
        int[] n = new int[TargetState.values().length];
        int sent = 0;
        int acknowledged = 0;
        int escalated = 0;
        int contested = 0;
        Optional<Instant> next = Optional.empty();
        for (Tracked t : members) {
            n[t.state().ordinal()]++;
            if (t.target().firedAt().isPresent() || t.order().flatMap(OrderState::receivedAt).isPresent()) {
                sent++;
            }
            if (t.order().flatMap(OrderState::receivedAt).isPresent()) {
                acknowledged++;
            }
            if (t.order().flatMap(OrderState::escalatedAt).isPresent()) {
                escalated++;
            }
            if (t.order().flatMap(OrderState::contestedAt).isPresent()) {
                contested++;
            }
            if (t.state() == TargetState.ACKNOWLEDGED || t.state() == TargetState.CONTESTED) {
                Instant deadline = t.order().flatMap(OrderState::deadlineAt).orElseThrow();
                if (next.isEmpty() || deadline.isBefore(next.get())) {
                    next = Optional.of(deadline);
                }
            }
        }
        return new Board.Row(key, members.size(), n[TargetState.PLANNED.ordinal()], n[TargetState.HELD.ordinal()],
                n[TargetState.NOT_FIRED.ordinal()], n[TargetState.FAILED.ordinal()], sent, acknowledged,
                n[TargetState.REMOVED.ordinal()], n[TargetState.OVERDUE.ordinal()], contested,
                n[TargetState.ANNEX_III.ordinal()], escalated, next);
    }

    private static List<Board.Countdown> countdowns(List<Tracked> tracked, Instant now) {
        return tracked.stream().filter(t -> t.state() == TargetState.ACKNOWLEDGED
                        || t.state() == TargetState.CONTESTED)
                .map(t -> {
                    Instant deadline = t.order().flatMap(OrderState::deadlineAt).orElseThrow();
                    return new Board.Countdown(t.target().id(), t.target().orderId().getAsLong(), t.target().provider(),
                            t.target().providerCountry(), deadline, Duration.between(now, deadline));
                })
                .sorted(Comparator.comparing(Board.Countdown::deadline).thenComparing(Board.Countdown::targetId))
                .limit(COUNTDOWNS).toList();
    }

    private static List<Board.Escalation> escalations(List<Tracked> tracked) {
        return tracked.stream().filter(t -> t.state() == TargetState.OVERDUE
                        || t.order().flatMap(OrderState::escalatedAt).isPresent())
                .map(t -> new Board.Escalation(t.target().id(), t.target().orderId().getAsLong(), t.target().agency(),
                        t.target().provider(), t.order().flatMap(OrderState::deadlineAt).orElseThrow(),
                        t.order().flatMap(OrderState::escalatedAt)))
                .toList();
    }

    private static List<Board.Line> lines(Actor actor, List<Tracked> tracked, ActionDay day) {
        return tracked.stream().filter(t -> t.state() == TargetState.HELD || t.state() == TargetState.NOT_FIRED
                        || t.state() == TargetState.FAILED)
                .map(t -> new Board.Line(t.target().id(), t.target().agency(), t.target().provider(),
                        t.target().seenBy(actor).url(), t.state(), t.target().outcomeReason().orElse(
                        t.state() == TargetState.HELD ? "held: deconfliction conflict open" : "")))
                .toList();
    }
}
