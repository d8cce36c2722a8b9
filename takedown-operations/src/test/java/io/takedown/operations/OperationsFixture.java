package io.takedown.operations;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.CaseService;
import io.takedown.cases.Directory;
import io.takedown.cases.ReferralService;
import io.takedown.core.ManualClock;
import io.takedown.operations.afteraction.AfterActionService;
import io.takedown.operations.board.BoardService;
import io.takedown.operations.deconfliction.Deconfliction;
import io.takedown.operations.dispatch.Strike;
import io.takedown.operations.dispatch.OutboxDispatcher;
import io.takedown.operations.plan.ActionPlanning;
import io.takedown.operations.plan.GoNoGo;
import io.takedown.orders.OrderService;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderOutbox;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import io.takedown.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Three member states' authorities (NL, DE, FR), a coordinator hub, three providers, and the services of an
 * action day on one database, with a clock the test moves. Each agency has its own signing key.
 */
public final class OperationsFixture implements AutoCloseable {

    public final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    public final Database database;
    public final Map<String, Signer> keys = new ConcurrentHashMap<>();
    public final AuditLog audit;
    public final Directory directory;
    public final CaseService cases;
    public final OrderService orders;
    public final OrderOutbox outbox;
    public final ReferralService referrals;
    public final ActionPlanning planning;
    public final GoNoGo goNoGo;
    public final Deconfliction deconfliction;
    public final Strike strike;
    public final BoardService boards;
    public final AfterActionService afterAction;
    public final Actor admin;
    public final Actor coordinator;
    public final Actor nlAnalyst;
    public final Actor nlApprover;
    public final Actor deAnalyst;
    public final Actor deApprover;
    public final Actor frAnalyst;
    public final Actor frApprover;
    /** Staff of each provider, who answer its orders (Annex II, Annex III). */
    public final Map<String, Actor> staff = new ConcurrentHashMap<>();
    /** Orders the fake providers received: provider code and the envelope with the signed JWS. */
    public final List<String[]> delivered = new ArrayList<>();
    /** Procedures notices and copies the fake recipients received. */
    public final List<String[]> other = new ArrayList<>();

    public OperationsFixture(Database database) {
        this(database, Signer.ephemeral());
    }

    /** With {@code system} as the key that signs orders and audit checkpoints (shared with another process). */
    public OperationsFixture(Database database, Signer system) {
        this.database = database;
        audit = new AuditLog(database.dialect(), system, clock);
        directory = new Directory(database, audit);
        cases = new CaseService(database, audit, clock);
        orders = new OrderService(database, directory, audit, code -> keys.computeIfAbsent(code, c -> Signer.ephemeral()),
                clock);
        outbox = new OrderOutbox(database, audit, clock);
        referrals = new ReferralService(database, directory, audit, clock);
        planning = new ActionPlanning(database, directory, orders, referrals, audit,
                code -> keys.computeIfAbsent(code, c -> Signer.ephemeral()), clock);
        goNoGo = new GoNoGo(database, orders, audit, clock);
        deconfliction = new Deconfliction(database, audit, clock);
        strike = new Strike(database, directory, audit, clock);
        boards = new BoardService(database, clock);
        afterAction = new AfterActionService(database, boards, planning, clock);
        directory.addAgency(Optional.empty(), "EU-HUB", "Coordination hub (fictional)", "NL", AgencyKind.COORDINATOR,
                Optional.empty());
        admin = directory.addUser(Optional.empty(), "admin", "EU-HUB", Set.of(Role.ADMIN));
        coordinator = directory.addUser(Optional.of(admin), "cora", "EU-HUB", Set.of(Role.COORDINATOR));
        directory.addAgency(Optional.of(admin), "NL-IRU", "Dutch unit (fictional)", "NL",
                AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
        directory.addAgency(Optional.of(admin), "DE-CA", "German authority (fictional)", "DE",
                AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
        directory.addAgency(Optional.of(admin), "FR-CA", "French authority (fictional)", "FR",
                AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
        for (String[] host : new String[][] {{"HOST-IE", "IE"}, {"HOST-NL", "NL"}, {"HOST-DE", "DE"}}) {
            directory.addAgency(Optional.of(admin), host[0], "Provider " + host[0], host[1], AgencyKind.PROVIDER,
                    Optional.of("https://" + host[0].toLowerCase() + ".test/notice"));
            staff.put(host[0], directory.addUser(Optional.of(admin), host[0].toLowerCase() + "-staff", host[0],
                    Set.of(Role.PROVIDER_STAFF)));
        }
        nlAnalyst = directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
        nlApprover = directory.addUser(Optional.of(admin), "bert", "NL-IRU", Set.of(Role.APPROVER));
        deAnalyst = directory.addUser(Optional.of(admin), "dieter", "DE-CA", Set.of(Role.ANALYST));
        deApprover = directory.addUser(Optional.of(admin), "doris", "DE-CA", Set.of(Role.APPROVER));
        frAnalyst = directory.addUser(Optional.of(admin), "fanny", "FR-CA", Set.of(Role.ANALYST));
        frApprover = directory.addUser(Optional.of(admin), "felix", "FR-CA", Set.of(Role.APPROVER));
    }

    /** A case of {@code analyst}'s agency with one item per URL; returns the case id. */
    public long caseWith(Actor analyst, Handling handling, String... urls) {
        long caseId = cases.createCase(analyst, "outlet case", handling, false).id();
        for (String url : urls) {
            cases.addItem(analyst, caseId, url, Optional.of("range:" + url), Map.of(), List.of("entity:o01"), handling);
        }
        return caseId;
    }

    /** Recipients that acknowledge everything with 202 and remember it. */
    public Transport accepting() {
        return (endpoint, key, type, body) -> {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            String provider = endpoint.getHost().replace(".test", "").toUpperCase();
            synchronized (delivered) {
                (text.startsWith("{\"kind\":\"order\"") ? delivered : other).add(new String[] {provider, text, key});
            }
            return new Transport.Response(202, "{\"status\":\"accepted\"}");
        };
    }

    public OutboxDispatcher dispatcher(Transport transport) {
        return new OutboxDispatcher(orders, referrals, outbox, new io.takedown.orders.OrderStaging(database, audit),
                transport, DeliverySettings.defaults(List.of()), clock);
    }

    /** Delivers what the outbox holds now (procedures notices after approvals). */
    public OrderDelivery.Report deliverPending(Transport transport) {
        return new OrderDelivery(outbox, transport, DeliverySettings.defaults(List.of()), clock)
                .deliverPending(Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        database.close();
    }
}
