package io.takedown.infra.resurfacing;

import io.takedown.access.Actor;
import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.signals.Signal;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Tracks removed content and raises an alert when a crawl captures it again. A removal's signals are kept
 * in the store (to map a match back to its orders) and banked in {@value #BANK} (so the matching service
 * finds near-duplicates too: PDQ within the bank's distance, text by MinHash). An alert is raised once per
 * order and URL, only for captures made after the removal: a copy seen before it is a copy, not a return.
 *
 * <p>Removals and alerts name what an order removed, so people see those of the orders the order workflow
 * shows them ({@link #alerts(Actor)}, {@link #stats(Actor)}); the unfiltered views serve the measurement
 * harness on its scratch store.
 */
public final class ResurfacingWatch {

    /** Which removal orders a person may see: the order workflow's own rule, e.g. the ids it lists for them. */
    @FunctionalInterface
    public interface OrderAccess {
        Set<Long> visibleOrders(Actor actor);
    }

    /** The bank holding the signals of removed content. */
    public static final String BANK = "removed-content";
    /** Signal types worth banking for resurfacing; URLs are not content. */
    static final Set<String> BANKED = Set.of("md5", "sha256", "pdq", "text");

    private final Database database;
    private final BankStore banks;
    private final OrderAccess access;

    public ResurfacingWatch(Database database, BankStore banks, OrderAccess access) {
        this.database = database;
        this.banks = banks;
        this.access = access;
    }

    /** Starts watching for a removal's content; false when the order is already tracked. */
    public boolean track(Removal removal, String actor) {
        boolean added = database.inTransaction(connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM infra_removal WHERE order_id = ?")) {
                exists.setLong(1, removal.orderId());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO infra_removal (order_id, url, outlet, "
                    + "provider, removed_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setLong(1, removal.orderId());
                insert.setString(2, removal.url());
                insert.setString(3, removal.outlet());
                insert.setString(4, removal.provider());
                insert.setString(5, Timestamps.format(removal.removedAt()));
                insert.executeUpdate();
            }
            for (Map.Entry<String, String> signal : removal.signals().entrySet()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO infra_removal_signal (order_id, signal_type, signal_value) VALUES (?, ?, ?)")) {
                    insert.setLong(1, removal.orderId());
                    insert.setString(2, signal.getKey());
                    insert.setString(3, signal.getValue());
                    insert.executeUpdate();
                }
            }
            return true;
        });
        if (added) {
            bank(removal, actor);
        }
        return added;
    }

    private void bank(Removal removal, String actor) {
        if (banks.banks().stream().noneMatch(b -> b.name().equals(BANK))) {
            banks.createBank(BANK, "signals of content removed by executed orders, watched for resurfacing", false,
                    OptionalInt.empty(), OptionalInt.empty(), actor);
        }
        List<NewEntry> entries = new ArrayList<>();
        for (Map.Entry<String, String> signal : removal.signals().entrySet()) {
            if (BANKED.contains(signal.getKey())) {
                Set<String> labels = new LinkedHashSet<>();
                labels.add("removed-order:" + removal.orderId());
                if (!removal.outlet().isBlank()) {
                    labels.add("entity:" + removal.outlet());
                }
                // The source is the order, not the URL it removed: banks are read by every matcher (providers
                // and NGOs too), while the URL is shown only to those who may see the order.
                entries.add(NewEntry.of(Signal.of(signal.getKey(), signal.getValue()), labels,
                        "removal-order:" + removal.orderId()));
            }
        }
        if (!entries.isEmpty()) {
            banks.add(BANK, entries, actor);
        }
    }

    /** Matches captures against removed content; returns the alerts raised now (not those raised before). */
    public List<ResurfacingAlert> check(List<ContentCapture> captures, ContentMatcher matcher) {
        List<ResurfacingAlert> raised = new ArrayList<>();
        for (ContentCapture capture : captures) {
            List<ContentMatcher.Hit> hits = matcher.match(capture.signals()).stream()
                    .filter(h -> h.bank().equals(BANK)).toList();
            if (hits.isEmpty()) {
                continue;
            }
            database.inTransaction(connection -> {
                for (ContentMatcher.Hit hit : hits) {
                    for (Removal removal : removalsWith(connection, hit.entrySignal())) {
                        if (!capture.at().isAfter(removal.removedAt())) {
                            continue;
                        }
                        alert(connection, removal, capture, hit).ifPresent(raised::add);
                    }
                }
                return null;
            });
        }
        return raised;
    }

    private static List<Removal> removalsWith(Connection connection, Signal signal) throws SQLException {
        List<Removal> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT r.order_id, r.url, r.outlet, r.provider, "
                + "r.removed_at FROM infra_removal r JOIN infra_removal_signal s ON s.order_id = r.order_id "
                + "WHERE s.signal_type = ? AND s.signal_value = ? ORDER BY r.order_id")) {
            query.setString(1, signal.type());
            query.setString(2, signal.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new Removal(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            Timestamps.parse(rows.getString(5)), Map.of()));
                }
            }
        }
        return out;
    }

    private static Optional<ResurfacingAlert> alert(Connection connection, Removal removal, ContentCapture capture,
                                                    ContentMatcher.Hit hit) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM infra_resurfacing_alert WHERE order_id = ? AND url = ?")) {
            exists.setLong(1, removal.orderId());
            exists.setString(2, capture.url());
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO infra_resurfacing_alert (order_id, url, "
                + "host, address, outlet, removed_from, removed_at, seen_at, signal_type, distance) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, removal.orderId());
            insert.setString(2, capture.url());
            insert.setString(3, capture.host());
            insert.setString(4, capture.address().orElse(null));
            insert.setString(5, removal.outlet());
            insert.setString(6, removal.provider());
            insert.setString(7, Timestamps.format(removal.removedAt()));
            insert.setString(8, Timestamps.format(capture.at()));
            insert.setString(9, hit.entrySignal().type());
            insert.setInt(10, hit.distance());
            insert.executeUpdate();
        }
        return alerts(connection, removal.orderId(), capture.url()).stream().findFirst();
    }

    /** The alerts about orders {@code actor} may see, oldest first. */
    public List<ResurfacingAlert> alerts(Actor actor) {
        Set<Long> visible = access.visibleOrders(actor);
        return allAlerts().stream().filter(a -> visible.contains(a.orderId())).toList();
    }

    /** The removals watched whose orders {@code actor} may see, oldest first. */
    public List<Removal> removals(Actor actor) {
        Set<Long> visible = access.visibleOrders(actor);
        return allRemovals().stream().filter(r -> visible.contains(r.orderId())).toList();
    }

    /** Time to resurface over the orders {@code actor} may see, per outlet and per provider. */
    public ResurfacingStats stats(Actor actor) {
        Set<Long> visible = access.visibleOrders(actor);
        return ResurfacingStats.of(allRemovals().stream().filter(r -> visible.contains(r.orderId())).toList(),
                allAlerts().stream().filter(a -> visible.contains(a.orderId())).toList());
    }

    /** Every agency's alerts, oldest first: for measurement on a scratch store, never for people. */
    public List<ResurfacingAlert> allAlerts() {
        return database.inTransaction(connection -> alerts(connection, null, null));
    }

    /** Alerts, all of them or those of one order at one URL. */
    private static List<ResurfacingAlert> alerts(Connection connection, Long orderId, String url) throws SQLException {
        List<ResurfacingAlert> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.id, a.order_id, r.url, a.url, a.host, "
                + "a.outlet, a.removed_from, a.removed_at, a.seen_at, a.signal_type, a.distance FROM infra_resurfacing_alert a "
                + "JOIN infra_removal r ON r.order_id = a.order_id "
                + (orderId == null ? "" : "WHERE a.order_id = ? AND a.url = ? ") + "ORDER BY a.seen_at, a.id")) {
            if (orderId != null) {
                query.setLong(1, orderId);
                query.setString(2, url);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new ResurfacingAlert(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), Timestamps.parse(rows.getString(8)),
                            Timestamps.parse(rows.getString(9)), rows.getString(10), rows.getInt(11)));
                }
            }
        }
        return out;
    }

    /** Every agency's removals tracked, oldest first: for measurement on a scratch store, never for people. */
    public List<Removal> allRemovals() {
        return database.inTransaction(connection -> {
            List<Removal> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT order_id, url, outlet, provider, removed_at FROM infra_removal ORDER BY removed_at, order_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new Removal(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            Timestamps.parse(rows.getString(5)), Map.of()));
                }
            }
            return out;
        });
    }

    /** Time to resurface over every agency's removals: for measurement on a scratch store, never for people. */
    public ResurfacingStats allStats() {
        return ResurfacingStats.of(allRemovals(), allAlerts());
    }
}
