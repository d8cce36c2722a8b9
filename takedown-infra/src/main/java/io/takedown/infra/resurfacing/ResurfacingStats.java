package io.takedown.infra.resurfacing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Time to resurface: for each outlet and for each provider that removed content, how many removals, how
 * many came back, and how soon (first sighting after removal; median and longest).
 */
public record ResurfacingStats(List<Row> byOutlet, List<Row> byProvider) {

    /** One outlet or provider. */
    public record Row(String key, int removals, int resurfaced, Optional<Duration> median, Optional<Duration> longest) {
    }

    public ResurfacingStats {
        byOutlet = List.copyOf(byOutlet);
        byProvider = List.copyOf(byProvider);
    }

    static ResurfacingStats of(List<Removal> removals, List<ResurfacingAlert> alerts) {
        Map<Long, Duration> first = new HashMap<>();
        for (ResurfacingAlert alert : alerts) {
            first.merge(alert.orderId(), alert.sinceRemoval(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return new ResurfacingStats(rows(removals, first, Removal::outlet), rows(removals, first, Removal::provider));
    }

    private static List<Row> rows(List<Removal> removals, Map<Long, Duration> first, Function<Removal, String> key) {
        Map<String, List<Removal>> groups = new TreeMap<>();
        removals.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Removal>> group : groups.entrySet()) {
            List<Duration> delays = group.getValue().stream().map(r -> first.get(r.orderId()))
                    .filter(java.util.Objects::nonNull).sorted().toList();
            rows.add(new Row(group.getKey(), group.getValue().size(), delays.size(),
                    delays.isEmpty() ? Optional.empty() : Optional.of(delays.get((delays.size() - 1) / 2)),
                    delays.isEmpty() ? Optional.empty() : Optional.of(delays.getLast())));
        }
        return rows;
    }
}
