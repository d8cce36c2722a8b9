package io.takedown.monitor.frontier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.core.Hex;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.signals.url.UrlCanonicalizer;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outlets, frontier, cycles and captures in the relational store (SQLite or PostgreSQL, same SQL).
 * Only a window of the frontier is ever read into memory ({@link #claim}), so a million queued URLs cost
 * disk, not heap.
 */
public final class FrontierStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Clock clock;

    public FrontierStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Database database() {
        return database;
    }

    // ---- outlets ----

    public MonitoredOutlet addOutlet(String name, List<String> seeds, List<String> domains, Optional<String> agency) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException(null, "an outlet needs a name of 1-200 characters");
        }
        if (seeds.isEmpty()) {
            throw new InvalidInputException(null, "an outlet needs at least one seed URL");
        }
        List<String> canonicalSeeds = new ArrayList<>();
        List<String> scope = new ArrayList<>(domains.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT)).toList());
        for (String seed : seeds) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(seed.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, "seed '" + seed + "' is not a URL: " + e.getMessage());
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidInputException(null, "seed '" + seed + "' is not an http URL with a host");
            }
            canonicalSeeds.add(uri.normalize().toString());
            String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
            if (!scope.contains(host)) {
                scope.add(host);
            }
        }
        return database.inTransaction(connection -> {
            if (outlet(connection, name).isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "outlet '" + name + "' is already monitored");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO monitor_outlet (name, domains, "
                    + "seeds, agency, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, String.join(" ", scope));
                insert.setString(3, String.join(" ", canonicalSeeds));
                insert.setString(4, agency.orElse(null));
                insert.setString(5, Timestamps.format(clock.instant()));
                insert.executeUpdate();
            }
            return outlet(connection, name).orElseThrow();
        });
    }

    /**
     * Adds a confirmed mirror domain to an outlet's scope, and its home page to the seeds: a mirror found by
     * observation is often linked from nowhere the crawl already reaches.
     */
    public MonitoredOutlet confirmMirror(String outletName, String domain) {
        String host = domain.strip().toLowerCase(java.util.Locale.ROOT);
        if (!host.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
            throw new InvalidInputException(null, "'" + domain + "' is not a domain name");
        }
        return database.inTransaction(connection -> {
            MonitoredOutlet outlet = outlet(connection, outletName).orElseThrow(() -> notFound(outletName));
            if (!outlet.domains().contains(host)) {
                List<String> domains = new ArrayList<>(outlet.domains());
                domains.add(host);
                List<String> seeds = new ArrayList<>(outlet.seeds());
                String home = "http://" + host + "/";
                if (!seeds.contains(home)) {
                    seeds.add(home);
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE monitor_outlet SET domains = ?, seeds = ? WHERE id = ?")) {
                    update.setString(1, String.join(" ", domains));
                    update.setString(2, String.join(" ", seeds));
                    update.setLong(3, outlet.id());
                    update.executeUpdate();
                }
            }
            return outlet(connection, outletName).orElseThrow();
        });
    }

    public void setCase(long outletId, long caseId) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE monitor_outlet SET case_id = ? WHERE id = ?")) {
                update.setLong(1, caseId);
                update.setLong(2, outletId);
                update.executeUpdate();
            }
            return null;
        });
    }

    public List<MonitoredOutlet> outlets() {
        return database.inTransaction(connection -> {
            List<MonitoredOutlet> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(OUTLET_SELECT + " ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(outlet(rows));
                }
            }
            return out;
        });
    }

    public Optional<MonitoredOutlet> outlet(String name) {
        return database.inTransaction(connection -> outlet(connection, name));
    }

    private static final String OUTLET_SELECT = "SELECT id, name, domains, seeds, agency, case_id FROM monitor_outlet";

    private static Optional<MonitoredOutlet> outlet(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(OUTLET_SELECT + " WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(outlet(rows)) : Optional.empty();
            }
        }
    }

    private static MonitoredOutlet outlet(ResultSet rows) throws SQLException {
        long caseId = rows.getLong(6);
        Optional<Long> caseRef = rows.wasNull() ? Optional.empty() : Optional.of(caseId);
        return new MonitoredOutlet(rows.getLong(1), rows.getString(2), split(rows.getString(3)),
                split(rows.getString(4)), Optional.ofNullable(rows.getString(5)), caseRef);
    }

    private static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }

    // ---- cycles ----

    /** A cycle that was started and not finished (the crawl was stopped), if any. */
    public Optional<Long> unfinishedCycle() {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM monitor_cycle WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1");
                 ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        });
    }

    /**
     * Starts a cycle: every known URL of every outlet is queued again (its last capture kept for a revisit
     * record) and every seed is added, in one transaction.
     */
    public long startCycle(List<MonitoredOutlet> outlets) {
        return database.inTransaction(connection -> {
            long cycle;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO monitor_cycle (started_at, "
                    + "fetched, failed, new_items, revisits, hits) VALUES (?, 0, 0, 0, 0, 0) RETURNING id")) {
                insert.setString(1, Timestamps.format(clock.instant()));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    cycle = keys.getLong(1);
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE monitor_frontier SET state = 'queued', cycle = ?, attempts = 0, last_error = NULL")) {
                update.setLong(1, cycle);
                update.executeUpdate();
            }
            List<Discovered> seeds = new ArrayList<>();
            for (MonitoredOutlet outlet : outlets) {
                for (String seed : outlet.seeds()) {
                    seeds.add(new Discovered(outlet.id(), seed, java.net.URI.create(seed).getHost(), 0, "seed"));
                }
            }
            insertDiscovered(connection, seeds, cycle);
            return cycle;
        });
    }

    /** Adds URLs to an outlet's frontier for the given cycle (ignoring those already known). */
    public void enqueue(List<Discovered> urls, long cycle) {
        database.inTransaction(connection -> {
            insertDiscovered(connection, urls, cycle);
            return null;
        });
    }

    public void finishCycle(long cycle, CycleCounts counts) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE monitor_cycle SET finished_at = ?, "
                    + "fetched = fetched + ?, failed = failed + ?, new_items = new_items + ?, revisits = revisits + ?, "
                    + "hits = hits + ? WHERE id = ?")) {
                update.setString(1, Timestamps.format(clock.instant()));
                update.setLong(2, counts.fetched());
                update.setLong(3, counts.failed());
                update.setLong(4, counts.newItems());
                update.setLong(5, counts.revisits());
                update.setLong(6, counts.hits());
                update.setLong(7, cycle);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Counts of a cycle, as the status shows them. */
    public record CycleCounts(long fetched, long failed, long newItems, long revisits, long hits) {
    }

    /** A cycle's row. */
    public record Cycle(long id, Instant startedAt, Optional<Instant> finishedAt, CycleCounts counts) {
    }

    public Optional<Cycle> lastCycle() {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id, started_at, finished_at, fetched, "
                    + "failed, new_items, revisits, hits FROM monitor_cycle ORDER BY id DESC LIMIT 1");
                 ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Cycle(rows.getLong(1), Timestamps.parse(rows.getString(2)),
                        Optional.ofNullable(Timestamps.parse(rows.getString(3))), new CycleCounts(rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8))));
            }
        });
    }

    // ---- frontier ----

    /** Up to {@code limit} queued entries with ids above {@code afterId}, in id (discovery) order. */
    public List<FrontierEntry> claim(long afterId, int limit) {
        return database.inTransaction(connection -> {
            List<FrontierEntry> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id, outlet_id, url, host, depth, via, "
                    + "cycle, last_digest, last_record_id, last_date FROM monitor_frontier WHERE state = 'queued' "
                    + "AND id > ? ORDER BY id LIMIT ?")) {
                query.setLong(1, afterId);
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(new FrontierEntry(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                                rows.getInt(5), rows.getString(6), rows.getLong(7),
                                Optional.ofNullable(rows.getString(8)), Optional.ofNullable(rows.getString(9)),
                                Optional.ofNullable(Timestamps.parse(rows.getString(10)))));
                    }
                }
            }
            return out;
        });
    }

    /** Frontier rows by state, overall and by host. */
    public record FrontierCounts(Map<String, Long> byState, Map<String, Map<String, Long>> byHost) {
    }

    public FrontierCounts counts() {
        return database.inTransaction(connection -> {
            Map<String, Long> byState = new LinkedHashMap<>();
            Map<String, Map<String, Long>> byHost = new java.util.TreeMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT host, state, COUNT(*) FROM monitor_frontier GROUP BY host, state");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byState.merge(rows.getString(2), rows.getLong(3), Long::sum);
                    byHost.computeIfAbsent(rows.getString(1), h -> new java.util.TreeMap<>())
                            .put(rows.getString(2), rows.getLong(3));
                }
            }
            return new FrontierCounts(byState, byHost);
        });
    }

    /**
     * Records a batch of outcomes in one transaction: captures inserted (children linked to their parent),
     * new URLs queued, entries marked done or failed. {@code auditor} appends the batch's audit entry inside
     * the same transaction and returns its sequence number, which every capture of the batch carries.
     *
     * @return the stored captures, with ids, in outcome order (parents before their children)
     */
    public List<CaptureRow> commit(List<Outcome> outcomes, long cycle, AuditHook auditor) {
        return database.inTransaction(connection -> {
            Long auditSeq = auditor.append(connection, outcomes);
            List<CaptureRow> stored = new ArrayList<>();
            List<Discovered> discovered = new ArrayList<>();
            try (PreparedStatement done = connection.prepareStatement("UPDATE monitor_frontier SET state = ?, "
                    + "attempts = attempts + 1, last_error = ?, last_digest = COALESCE(?, last_digest), "
                    + "last_record_id = COALESCE(?, last_record_id), last_date = COALESCE(?, last_date) WHERE id = ?");
                 PreparedStatement insert = connection.prepareStatement(INSERT_CAPTURE)) {
                for (Outcome outcome : outcomes) {
                    Optional<CaptureRow> capture = outcome.capture();
                    boolean fresh = capture.isPresent() && capture.get().kind().equals("response");
                    done.setString(1, outcome.done() ? (outcome.error().isPresent() ? "failed" : "done") : "queued");
                    done.setString(2, outcome.error().orElse(null));
                    done.setString(3, fresh ? capture.get().payloadDigest().orElse(null) : null);
                    done.setString(4, fresh ? capture.get().recordId() : null);
                    done.setString(5, fresh ? Timestamps.format(capture.get().fetchedAt()) : null);
                    done.setLong(6, outcome.entry().id());
                    if (outcome.entry().id() > 0) { // robots.txt fetches have no frontier row
                        done.addBatch();
                    }
                    if (capture.isPresent()) {
                        long parent = insertCapture(insert, capture.get(), Optional.empty(), auditSeq);
                        stored.add(withId(capture.get(), parent, Optional.empty(), auditSeq));
                        for (CaptureRow child : outcome.children()) {
                            long id = insertCapture(insert, child, Optional.of(parent), auditSeq);
                            stored.add(withId(child, id, Optional.of(parent), auditSeq));
                        }
                    }
                    discovered.addAll(outcome.discovered());
                }
                done.executeBatch();
            }
            insertDiscovered(connection, discovered, cycle);
            return stored;
        });
    }

    /** Appends the audit entry of a committed batch. */
    @FunctionalInterface
    public interface AuditHook {
        Long append(Connection connection, List<Outcome> outcomes) throws SQLException;
    }

    private static CaptureRow withId(CaptureRow c, long id, Optional<Long> parent, Long auditSeq) {
        return new CaptureRow(id, c.outletId(), c.cycle(), c.url(), c.canonicalUrl(), c.host(), c.fetchedAt(), c.status(),
                c.mediaType(), c.kind(), c.bytes(), c.payloadDigest(), c.warcFile(), c.warcOffset(), c.warcLength(),
                c.recordId(), c.signals(), c.channel(), parent, Optional.ofNullable(auditSeq));
    }

    private static final String INSERT_CAPTURE = "INSERT INTO monitor_capture (outlet_id, cycle, url, canonical_url, "
            + "host, fetched_at, status, media_type, kind, bytes, payload_digest, warc_file, warc_offset, warc_length, "
            + "record_id, signals, channel, parent_id, audit_seq) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

    /** Inserts one capture with the batch's prepared statement (prepared once per commit, not per row). */
    private static long insertCapture(PreparedStatement insert, CaptureRow c, Optional<Long> parent, Long auditSeq)
            throws SQLException {
        try {
            insert.setLong(1, c.outletId());
            insert.setLong(2, c.cycle());
            insert.setString(3, c.url());
            insert.setString(4, c.canonicalUrl());
            insert.setString(5, c.host());
            insert.setString(6, Timestamps.format(c.fetchedAt()));
            insert.setInt(7, c.status());
            insert.setString(8, c.mediaType());
            insert.setString(9, c.kind());
            insert.setLong(10, c.bytes());
            insert.setString(11, c.payloadDigest().orElse(null));
            insert.setString(12, c.warcFile());
            insert.setLong(13, c.warcOffset());
            insert.setLong(14, c.warcLength());
            insert.setString(15, c.recordId());
            insert.setString(16, JSON.writeValueAsString(c.signals()));
            insert.setString(17, c.channel());
            if (parent.isPresent()) {
                insert.setLong(18, parent.get());
            } else {
                insert.setNull(18, Types.BIGINT);
            }
            if (auditSeq != null) {
                insert.setLong(19, auditSeq);
            } else {
                insert.setNull(19, Types.BIGINT);
            }
            try (ResultSet keys = insert.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insertDiscovered(Connection connection, List<Discovered> urls, long cycle) throws SQLException {
        if (urls.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO monitor_frontier (outlet_id, url_key, "
                + "url, host, depth, via, state, cycle, attempts) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, 0) "
                + "ON CONFLICT (outlet_id, url_key) DO NOTHING")) {
            int pending = 0;
            for (Discovered d : urls) {
                insert.setLong(1, d.outletId());
                insert.setString(2, urlKey(d.url()));
                insert.setString(3, d.url());
                insert.setString(4, d.host());
                insert.setInt(5, d.depth());
                insert.setString(6, d.via());
                insert.setLong(7, cycle);
                insert.addBatch();
                if (++pending % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** The frontier key of a URL: SHA-256 of its canonical form (the {@code url} signal's). */
    public static String urlKey(String url) {
        return Hex.encode(sha256(canonical(url)));
    }

    /** The canonical form, or the URL itself when it cannot be canonicalised. */
    public static String canonical(String url) {
        String known = CANONICAL.get(url);
        if (known != null) {
            return known;
        }
        String canonical;
        try {
            canonical = UrlCanonicalizer.canonicalize(url);
        } catch (RuntimeException e) {
            canonical = url;
        }
        if (CANONICAL.size() >= CANONICAL_CACHED) {
            CANONICAL.clear(); // bounded: a crawl's pages link the same few URLs (home, feeds, sections) over and over
        }
        CANONICAL.put(url, canonical);
        return canonical;
    }

    private static final int CANONICAL_CACHED = 20_000;
    private static final Map<String, String> CANONICAL = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- captures ----

    private static final String CAPTURE_SELECT = "SELECT id, outlet_id, cycle, url, canonical_url, host, fetched_at, "
            + "status, media_type, kind, bytes, payload_digest, warc_file, warc_offset, warc_length, record_id, "
            + "signals, channel, parent_id, audit_seq FROM monitor_capture";

    /** Captures matching a filter, newest last; {@code limit} bounds the answer. */
    public List<CaptureRow> captures(CaptureQuery filter, int limit) {
        StringBuilder sql = new StringBuilder(CAPTURE_SELECT + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter.host().ifPresent(h -> {
            sql.append(" AND host = ?");
            args.add(h);
        });
        filter.canonicalUrl().ifPresent(u -> {
            sql.append(" AND canonical_url = ?");
            args.add(u);
        });
        filter.since().ifPresent(t -> {
            sql.append(" AND fetched_at >= ?");
            args.add(Timestamps.format(t));
        });
        filter.outletId().ifPresent(o -> {
            sql.append(" AND outlet_id = ?");
            args.add(o);
        });
        filter.cycle().ifPresent(c -> {
            sql.append(" AND cycle = ?");
            args.add(c);
        });
        filter.payloadDigest().ifPresent(d -> {
            sql.append(" AND payload_digest = ?");
            args.add(d);
        });
        sql.append(" ORDER BY id LIMIT ?");
        args.add(limit);
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    query.setObject(i + 1, args.get(i));
                }
                return readCaptures(query);
            }
        });
    }

    public Optional<CaptureRow> capture(long id) {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(CAPTURE_SELECT + " WHERE id = ?")) {
                query.setLong(1, id);
                return readCaptures(query).stream().findFirst();
            }
        });
    }

    /** The capture a record id names (response, revisit or resource). */
    public Optional<CaptureRow> captureByRecord(String recordId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(CAPTURE_SELECT
                    + " WHERE record_id = ? AND kind <> 'entry' ORDER BY id LIMIT 1")) {
                query.setString(1, recordId);
                return readCaptures(query).stream().findFirst();
            }
        });
    }

    private static List<CaptureRow> readCaptures(PreparedStatement query) throws SQLException {
        List<CaptureRow> out = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Map<String, String> signals;
                try {
                    String text = rows.getString(17);
                    signals = text == null ? Map.of() : JSON.readValue(text, new TypeReference<Map<String, String>>() { });
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("capture " + rows.getLong(1) + " has unreadable signals", e);
                }
                long parent = rows.getLong(19);
                Optional<Long> parentId = rows.wasNull() ? Optional.empty() : Optional.of(parent);
                long audit = rows.getLong(20);
                Optional<Long> auditSeq = rows.wasNull() ? Optional.empty() : Optional.of(audit);
                out.add(new CaptureRow(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), Timestamps.parse(rows.getString(7)), rows.getInt(8),
                        rows.getString(9), rows.getString(10), rows.getLong(11), Optional.ofNullable(rows.getString(12)),
                        rows.getString(13), rows.getLong(14), rows.getLong(15), rows.getString(16), signals,
                        rows.getString(18), parentId, auditSeq));
            }
        }
        return out;
    }

    /** Links a capture to the case item its match created. */
    public void linkCaseItem(long captureId, long caseId, long itemId) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE monitor_capture SET case_id = ?, case_item_id = ? WHERE id = ?")) {
                update.setLong(1, caseId);
                update.setLong(2, itemId);
                update.setLong(3, captureId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The case item an earlier capture of the same canonical URL and payload created, if any. */
    public Optional<Long> caseItemFor(String canonicalUrl, String payloadDigest) {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT case_item_id FROM monitor_capture "
                    + "WHERE canonical_url = ? AND payload_digest = ? AND case_item_id IS NOT NULL ORDER BY id LIMIT 1")) {
                query.setString(1, canonicalUrl);
                query.setString(2, payloadDigest);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** The case items the monitor opened in a case, in order. */
    public List<Long> itemsOfCase(long caseId) {
        return database.inTransaction(connection -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT case_item_id FROM monitor_capture "
                    + "WHERE case_id = ? AND case_item_id IS NOT NULL ORDER BY case_item_id")) {
                query.setLong(1, caseId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** Captures whose case item is one of {@code itemIds} (for evidence export). */
    public List<CaptureRow> capturesOfItems(List<Long> itemIds) {
        if (itemIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(itemIds.size(), "?"));
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(CAPTURE_SELECT + " WHERE case_item_id IN ("
                    + marks + ") ORDER BY id")) {
                for (int i = 0; i < itemIds.size(); i++) {
                    query.setLong(i + 1, itemIds.get(i));
                }
                return readCaptures(query);
            }
        });
    }

    public long captureCount() {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM monitor_capture");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static TakedownException notFound(String outlet) {
        return new TakedownException(TakedownException.Kind.NOT_FOUND, "no monitored outlet '" + outlet + "'");
    }

}
