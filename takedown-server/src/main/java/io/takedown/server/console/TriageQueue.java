package io.takedown.server.console;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.cases.CaseFile;
import io.takedown.cases.Item;
import io.takedown.orders.OrderStatus;
import io.takedown.orders.RemovalOrder;
import io.takedown.server.matching.MatchingService;
import io.takedown.signals.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The triage queue: what the signed-in user should look at next. Orders on a legal clock come first, by time
 * left (overdue first); then orders waiting for this user's step; then items without any referral or order,
 * ranked by priority = confidence (closest bank match) + severity (worst behaviour label), as trust and safety
 * queues rank reports.
 */
final class TriageQueue {

    /** Severity of a behaviour label, 0-3: instructions and threats endanger people directly. */
    static int severity(List<String> labels) {
        int worst = 0;
        for (String label : labels) {
            String behaviour = label.startsWith("behaviour:") ? label.substring(10) : label;
            worst = Math.max(worst, switch (behaviour) {
                case "instruction", "threat" -> 3;
                case "recruitment", "incitement", "financing" -> 2;
                case "glorification", "propaganda" -> 1;
                default -> 0;
            });
        }
        return worst;
    }

    private final Takedown takedown;
    private final MatchingService matching;

    TriageQueue(Takedown takedown, MatchingService matching) {
        this.takedown = takedown;
        this.matching = matching;
    }

    List<Views.TriageRow> rows(Actor actor) {
        Instant now = takedown.clock().instant();
        List<Views.TriageRow> rows = new ArrayList<>();
        List<RemovalOrder> orders = canSee(actor, io.takedown.access.Action.VIEW_ORDER)
                ? takedown.orders().list(actor) : List.of();
        Set<Long> itemsWithOrders = new java.util.HashSet<>();
        for (RemovalOrder order : orders) {
            itemsWithOrders.add(order.itemId());
            if (order.status() == OrderStatus.SENT && order.deadlineAt().isPresent()) {
                Duration left = Duration.between(now, order.deadlineAt().get());
                int priority = left.isNegative() ? 1000 : (int) Math.max(500, 999 - left.toMinutes());
                rows.add(new Views.TriageRow("order", "Order " + order.id() + " to " + order.provider(),
                        "/console/orders/" + order.id(), priority, "removal within one hour of receipt (Art. 3(3))",
                        null, order.deadlineAt().get().toString(), Clocks.timeLeft(left), Clocks.urgency(left)));
            } else if (order.status() == OrderStatus.DRAFT || order.status() == OrderStatus.APPROVED) {
                rows.add(new Views.TriageRow("order", "Order " + order.id() + " (" + order.status().label() + ")",
                        "/console/orders/" + order.id(), 400, order.status() == OrderStatus.DRAFT
                        ? "waiting for a second person's approval" : "approved, waiting to be sent",
                        null, null, null, null));
            }
        }
        if (canSee(actor, io.takedown.access.Action.VIEW_ITEM)) {
            for (CaseFile file : takedown.cases().cases(actor)) {
                for (Item item : takedown.cases().items(actor, file.id())) {
                    if (itemsWithOrders.contains(item.id())) {
                        continue;
                    }
                    double confidence = confidence(item);
                    int severity = severity(item.labels());
                    int priority = (int) Math.round(50 * confidence + 50 * severity / 3.0);
                    rows.add(new Views.TriageRow("item", "Item " + item.id() + " " + item.url(),
                            "/console/items/" + item.id(), priority, String.format(java.util.Locale.ROOT,
                            "confidence %.2f, severity %d/3 (%s)", confidence, severity, String.join(", ", item.labels())),
                            item.handling().name().toLowerCase(), null, null, null));
                }
            }
        }
        rows.sort(Comparator.comparingInt(Views.TriageRow::priority).reversed()
                .thenComparing(Views.TriageRow::title));
        return rows;
    }

    /** 1 for an exact bank match, falling with distance; 0 without a match or before the index is loaded. */
    private double confidence(Item item) {
        if (!matching.ready() || item.signals().isEmpty()) {
            return 0;
        }
        List<Signal> signals = item.signals().entrySet().stream().map(e -> Signal.of(e.getKey(), e.getValue())).toList();
        try {
            double best = 0;
            for (MatchResult result : matching.match(new MatchQuery(signals, Map.of()))) {
                if (result.suppressed()) {
                    continue;
                }
                double scale = result.signalType().equals("pdq") ? 64.0 : 100.0;
                double base = result.entry().confidence().orElse(1.0);
                best = Math.max(best, base * Math.max(0, 1 - result.distance() / scale));
            }
            return best;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static boolean canSee(Actor actor, io.takedown.access.Action action) {
        return io.takedown.access.Policy.allows(actor, action);
    }
}
