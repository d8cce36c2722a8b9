package io.takedown.server.console;

import java.util.List;
import java.util.Map;

/**
 * What each console page shows, computed by the routes from the services and handed to its JTE template.
 * Plain records: templates render, they do not query.
 */
public final class Views {

    private Views() {
    }

    /** The frame of every page: who is signed in, which section is current, the CSRF secret for forms. */
    public record Frame(String title, String section, String user, String agency, String roles, String csrf) {
    }

    public record Login(String next, String error, String user) {
    }

    /** One line of the triage queue; {@code deadline} is set for orders on a legal clock. */
    public record TriageRow(String kind, String title, String href, int priority, String why, String handling,
                            String deadline, String timeLeft, String urgency) {
    }

    public record Triage(Frame frame, List<TriageRow> rows, String now) {
    }

    public record Fact(String name, String value) {
    }

    public record PriorRow(String kind, String agency, String status, String at) {
    }

    public record MatchRow(String bank, long entry, String signal, int distance, String labels, String provenance,
                           String explanation) {
    }

    public record ItemReview(Frame frame, long id, String url, String handling, List<Fact> facts, List<String> labels,
                             boolean unblurred, List<PriorRow> prior, List<MatchRow> matches) {
    }

    public record CaseRow(long id, String title, String agency, String handling, int items, String createdAt) {
    }

    public record ItemRow(long id, String url, String handling, String labels) {
    }

    public record Cases(Frame frame, List<CaseRow> cases, Map<Long, List<ItemRow>> items) {
    }

    public record TimelineEntry(String at, String kind, String detail, String actor) {
    }

    public record Action(String label, String path, String description) {
    }

    public record OrderDetail(Frame frame, long id, String status, String issuer, String provider, List<Fact> clock,
                              List<TimelineEntry> timeline, List<Action> actions, String document) {
    }

    public record OrderRow(long id, String provider, String status, String deadline, String timeLeft, String urgency) {
    }

    public record Orders(Frame frame, List<OrderRow> orders) {
    }

    public record BankRow(String name, String description, int active, boolean negative, String distance) {
    }

    public record Banks(Frame frame, List<BankRow> banks) {
    }

    public record EntryRow(long id, String signal, String value, String labels, String state, String provenance) {
    }

    public record BankBrowser(Frame frame, String name, String description, List<EntryRow> entries, int shown, int total,
                              String query, List<MatchRow> matches, String queryError) {
    }

    public record BoardColumn(String provider, int sent, int executed, int overdue, int other, List<OrderRow> orders) {
    }

    public record Board(Frame frame, List<BoardColumn> columns, String updated) {
    }

    public record ReportLine(String section, String measure, String value) {
    }

    public record Report(Frame frame, int year, List<ReportLine> lines, String error) {
    }

    public record Problem(long seq, String kind, String message) {
    }

    public record Audit(Frame frame, boolean checked, boolean intact, long entries, int checkpoints, String keyId,
                        List<Problem> problems) {
    }

    public record TokenRow(long id, String name, String created, String lastUsed, String revoked) {
    }

    public record Tokens(Frame frame, List<TokenRow> tokens, String secret) {
    }

    public record ActionDayRow(long id, String name, String coordinator, String status, String hHour,
                               String participants) {
    }

    public record ActionDays(Frame frame, List<ActionDayRow> days) {
    }

    public record ActionRow(String key, int targets, int sent, int acknowledged, int removed, int overdue,
                            int notFired, String nextDeadline) {
    }

    public record Countdown(long order, String provider, String country, String deadline, String timeLeft,
                            String urgency) {
    }

    public record HeldLine(long target, String agency, String provider, String url, String state, String reason) {
    }

    public record ActionBoardBody(String status, String hHour, String untilHHour, String at, ActionRow total,
                                  List<ActionRow> providers, List<ActionRow> countries, List<Countdown> countdowns,
                                  List<HeldLine> held) {
    }

    public record ActionBoard(Frame frame, long id, String name, ActionBoardBody board) {
    }
}
