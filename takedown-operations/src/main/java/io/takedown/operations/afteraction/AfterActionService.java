package io.takedown.operations.afteraction;

import io.takedown.access.Actor;
import io.takedown.operations.OrderStates;
import io.takedown.operations.OrderStates.OrderState;
import io.takedown.operations.board.Board;
import io.takedown.operations.board.BoardService;
import io.takedown.operations.board.TargetState;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.ActionDays;
import io.takedown.operations.plan.ActionPlanning;
import io.takedown.operations.plan.SignedPlan;
import io.takedown.operations.plan.Target;
import io.takedown.orders.Deadlines;
import io.takedown.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Computes the after-action figures of an action day from its record and an observation source. */
public final class AfterActionService {

    /** The checkpoints after H-hour at which resurfacing is measured. */
    public static final List<Duration> CHECKPOINTS = List.of(Duration.ofHours(1), Duration.ofHours(24),
            Duration.ofDays(7));

    private static final List<Duration> BUCKETS = List.of(Duration.ofMinutes(10), Deadlines.REMOVAL,
            Duration.ofHours(3), Duration.ofHours(24));

    private final Database database;
    private final BoardService boards;
    private final ActionPlanning planning;
    private final Clock clock;

    public AfterActionService(Database database, BoardService boards, ActionPlanning planning, Clock clock) {
        this.database = database;
        this.boards = boards;
        this.planning = planning;
        this.clock = clock;
    }

    public AfterAction report(Actor actor, long actionId, ResurfacingSource source) {
        Board board = boards.board(actor, actionId);
        ActionDay day = planning.get(actor, actionId);
        Instant now = clock.instant();
        List<BoardService.Tracked> tracked = database.inTransaction(connection -> {
            List<Target> targets = ActionDays.targets(connection, actionId);
            Map<Long, OrderState> orders = OrderStates.ofAction(connection, actionId);
            return BoardService.tracked(targets, orders, Set.of(), now);
        });
        boolean coordinator = actor.agency().equals(day.coordinator());
        List<BoardService.Tracked> visible = tracked.stream()
                .filter(t -> coordinator || t.target().agency().equals(actor.agency())).toList();
        List<BoardService.Tracked> received = visible.stream()
                .filter(t -> t.order().flatMap(OrderState::receivedAt).isPresent()).toList();
        List<String> removedUrls = visible.stream().filter(t -> t.state() == TargetState.REMOVED)
                .map(t -> t.target().url()).distinct().toList();
        // Every removal counts, but a URL (and where it came back) is named only where its handling code allows.
        Set<String> hidden = visible.stream().map(BoardService.Tracked::target)
                .filter(t -> t.seenBy(actor).url().equals(Target.RESTRICTED)).map(Target::url)
                .collect(Collectors.toSet());
        List<AfterAction.Checkpoint> checkpoints = new ArrayList<>();
        for (Duration after : CHECKPOINTS) {
            Instant until = day.hHour().plus(after);
            boolean reached = !now.isBefore(until);
            Instant upTo = reached ? until : now;
            List<ResurfacingSource.Reappearance> back = source.resurfaced(removedUrls, day.hHour(), upTo).stream()
                    .map(r -> hidden.contains(r.removedUrl()) ? new ResurfacingSource.Reappearance(Target.RESTRICTED,
                            Target.RESTRICTED, r.provider(), r.at()) : r).toList();
            checkpoints.add(new AfterAction.Checkpoint(label(after), after, reached, back,
                    source.newMirrors(day.hHour(), upTo)));
        }
        String digest = day.plan().map(SignedPlan::documentSha256).orElse("");
        boolean verified = day.plan().isPresent() && planning.verifyPlan(actor, actionId);
        return new AfterAction(actionId, day.name(), day.coordinator(), day.hHour(), now, day.participants(),
                board.total(), times(received, t -> t.target().provider()),
                times(received, t -> t.target().providerCountry()), histogram(received), checkpoints,
                source.description(), board.held(), digest, day.plan().map(p -> p.keyId()).orElse(""), verified);
    }

    private static List<AfterAction.RemovalTimes> times(List<BoardService.Tracked> received,
                                                        Function<BoardService.Tracked, String> key) {
        Map<String, List<BoardService.Tracked>> groups = received.stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        List<AfterAction.RemovalTimes> out = new ArrayList<>();
        groups.forEach((group, members) -> {
            List<Duration> durations = members.stream().map(AfterActionService::timeToRemoval)
                    .flatMap(Optional::stream).sorted().toList();
            int withinHour = (int) durations.stream().filter(d -> d.compareTo(Deadlines.REMOVAL) <= 0).count();
            out.add(new AfterAction.RemovalTimes(group, members.size(), durations.size(), withinHour,
                    quantile(durations, 0.5), quantile(durations, 0.9),
                    durations.isEmpty() ? Optional.empty() : Optional.of(durations.getLast())));
        });
        return out;
    }

    private static List<AfterAction.Bucket> histogram(List<BoardService.Tracked> received) {
        int[] counts = new int[BUCKETS.size() + 2];
        for (BoardService.Tracked t : received) {
            Optional<Duration> time = timeToRemoval(t);
            if (time.isEmpty()) {
                counts[counts.length - 1]++;
                continue;
            }
            int bucket = BUCKETS.size();
            for (int i = 0; i < BUCKETS.size(); i++) {
                if (time.get().compareTo(BUCKETS.get(i)) <= 0) {
                    bucket = i;
                    break;
                }
            }
            counts[bucket]++;
        }
        List<AfterAction.Bucket> out = new ArrayList<>();
        for (int i = 0; i < BUCKETS.size(); i++) {
            out.add(new AfterAction.Bucket("≤ " + label(BUCKETS.get(i)), Optional.of(BUCKETS.get(i)), counts[i]));
        }
        out.add(new AfterAction.Bucket("> " + label(BUCKETS.getLast()), Optional.empty(), counts[BUCKETS.size()]));
        out.add(new AfterAction.Bucket("not removed", Optional.empty(), counts[counts.length - 1]));
        return out;
    }

    static Optional<Duration> timeToRemoval(BoardService.Tracked t) {
        return t.order().flatMap(o -> o.receivedAt().flatMap(r -> o.executedAt().map(e -> Duration.between(r, e))));
    }

    private static Optional<Duration> quantile(List<Duration> sorted, double q) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    /** "10 min", "1 h", "7 d". */
    public static String label(Duration d) {
        if (d.toDays() > 1 && d.toHours() % 24 == 0) {
            return d.toDays() + " d";
        }
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) {
            return d.toHours() + " h";
        }
        return d.toMinutes() + " min";
    }

}
