package io.takedown.orders;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Policy;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Yearly transparency figures from the record: the authority's report (Art. 8: orders issued, executed,
 * within the hour, impossibilities, contested, ceased after scrutiny, referrals and their outcomes) and,
 * per provider, what a provider's own report (Art. 7) would state. As CSV rows and a readable HTML page.
 */
public final class TransparencyReport {

    /** One line of the report. */
    public record Line(String section, String measure, String value) {
    }

    private final List<Line> lines;
    private final int year;
    private final String agency;

    private TransparencyReport(int year, String agency, List<Line> lines) {
        this.year = year;
        this.agency = agency;
        this.lines = lines;
    }

    /** A report of given lines (tests, and reports assembled elsewhere). */
    static TransparencyReport of(int year, String agency, List<Line> lines) {
        return new TransparencyReport(year, agency, List.copyOf(lines));
    }

    public static TransparencyReport forYear(Database database, Actor actor, int year) {
        Policy.check(actor, Action.REPORT);
        String from = Timestamps.format(java.time.Instant.parse(year + "-01-01T00:00:00Z"));
        String to = Timestamps.format(java.time.Instant.parse((year + 1) + "-01-01T00:00:00Z"));
        return database.inTransaction(connection -> {
            List<RemovalOrder> orders = OrderStore.loadAll(connection, OrderStore.Filter.of(
                    "a.code = ? AND o.received_at >= ? AND o.received_at < ?", actor.agency(), from, to));
            List<Line> lines = new ArrayList<>();
            String section = "Art. 8 - removal orders issued by " + actor.agency();
            lines.add(new Line(section, "orders issued", Integer.toString(orders.size())));
            Map<OrderStatus, Integer> byStatus = new TreeMap<>();
            orders.forEach(o -> byStatus.merge(o.status(), 1, Integer::sum));
            byStatus.forEach((status, count) -> lines.add(new Line(section, "status " + status.label(),
                    Integer.toString(count))));
            long executed = orders.stream().filter(o -> o.executedAt().isPresent()).count();
            long inTime = orders.stream().filter(o -> o.executedAt().isPresent() && o.executedInTime()).count();
            lines.add(new Line(section, "executed", Long.toString(executed)));
            lines.add(new Line(section, "executed within one hour of receipt", Long.toString(inTime)));
            List<Long> minutes = orders.stream().filter(o -> o.executedAt().isPresent() && o.receivedAt().isPresent())
                    .map(o -> Duration.between(o.receivedAt().get(), o.executedAt().get()).toMinutes()).sorted().toList();
            lines.add(new Line(section, "median minutes from receipt to removal",
                    minutes.isEmpty() ? "-" : Long.toString(minutes.get(minutes.size() / 2))));
            lines.add(new Line(section, "cross-border orders", Long.toString(orders.stream().filter(RemovalOrder::crossBorder).count())));
            lines.add(new Line(section, "ceased after host-state scrutiny", Long.toString(orders.stream()
                    .filter(o -> o.scrutinyOutcome().map("INFRINGES"::equals).orElse(false)).count())));
            lines.add(new Line(section, "contested by the provider (Art. 9)", Long.toString(orders.stream()
                    .filter(o -> o.contestedAt().isPresent()).count())));
            lines.add(new Line(section, "emergency orders (no prior notice)", Long.toString(orders.stream()
                    .filter(RemovalOrder::emergency).count())));
            long suspended = 0;
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(DISTINCT e.order_id) FROM order_event e "
                    + "JOIN removal_order o ON o.id = e.order_id JOIN agency a ON a.id = o.agency_id WHERE e.kind = "
                    + "'suspended' AND a.code = ? AND e.at >= ? AND e.at < ?")) {
                query.setString(1, actor.agency());
                query.setString(2, from);
                query.setString(3, to);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    suspended = rows.getLong(1);
                }
            }
            lines.add(new Line(section, "orders with an Annex III impossibility", Long.toString(suspended)));
            String referrals = "Referrals by " + actor.agency();
            try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(r.outcome, r.status), COUNT(*) "
                    + "FROM referral r JOIN agency a ON a.id = r.agency_id WHERE a.code = ? AND r.created_at >= ? "
                    + "AND r.created_at < ? GROUP BY COALESCE(r.outcome, r.status) ORDER BY 1")) {
                query.setString(1, actor.agency());
                query.setString(2, from);
                query.setString(3, to);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new Line(referrals, rows.getString(1).toLowerCase(), Long.toString(rows.getLong(2))));
                    }
                }
            }
            Map<String, int[]> perProvider = new LinkedHashMap<>();
            for (RemovalOrder order : orders) {
                int[] counts = perProvider.computeIfAbsent(order.provider(), p -> new int[3]);
                counts[0]++;
                counts[1] += order.executedAt().isPresent() ? 1 : 0;
                counts[2] += order.executedAt().isPresent() && order.executedInTime() ? 1 : 0;
            }
            perProvider.forEach((provider, counts) -> {
                String s = "Art. 7 view - provider " + provider;
                lines.add(new Line(s, "orders received", Integer.toString(counts[0])));
                lines.add(new Line(s, "executed", Integer.toString(counts[1])));
                lines.add(new Line(s, "executed within one hour", Integer.toString(counts[2])));
            });
            return new TransparencyReport(year, actor.agency(), lines);
        });
    }

    public List<Line> lines() {
        return lines;
    }

    /** RFC 4180 CSV (Commons CSV): fields with commas, quotes or line breaks are quoted; lines end CRLF-free. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader("section", "measure", "value")
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Line line : lines) {
                printer.printRecord(line.section(), line.measure(), line.value());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    public String html() {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Transparency report "
                + year + "</title><style>body{font-family:sans-serif;max-width:50em;margin:2em auto}"
                + "td,th{border-bottom:1px solid #ccc;padding:.3em .8em;text-align:left}</style></head><body>");
        out.append("<h1>Transparency report ").append(year).append(" - ").append(escape(agency)).append("</h1>")
                .append("<p>Regulation (EU) 2021/784, Articles 7 and 8. Generated from the order record.</p>");
        String section = null;
        for (Line line : lines) {
            if (!line.section().equals(section)) {
                if (section != null) {
                    out.append("</table>");
                }
                section = line.section();
                out.append("<h2>").append(escape(section)).append("</h2><table>");
            }
            out.append("<tr><th>").append(escape(line.measure())).append("</th><td>").append(escape(line.value()))
                    .append("</td></tr>");
        }
        if (section != null) {
            out.append("</table>");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
