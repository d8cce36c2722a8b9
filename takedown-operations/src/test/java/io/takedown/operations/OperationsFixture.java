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
import io.takedown.operations.dispatch.WorkflowDispatcher;
import io.takedown.operations.plan.ActionPlanning;
import io.takedown.operations.plan.GoNoGo;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderOutbox;
import io.takedown.orders.OrderService;
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
    /** Staff of the providers, who answer their orders (feedback, Annex III). */
    public final Map<String, Actor> providerStaff = new ConcurrentHashMap<>();
    /** Orders the fake providers received: provider code and signed JWS. */
    public final List<String[]> delivered = new ArrayList<>();

    public OperationsFixture(Database database) {
        this.database = database;
        Signer system = Signer.ephemeral();
        audit = new AuditLog(database.dialect(), system, clock);
        directory = new Directory(database, audit);
        cases = new CaseService(database, audit, clock);
        orders = new OrderService(database, directory, audit, clock);
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
                    Optional.of("https://127.0.0.1:9/" + host[0]));
        }
        nlAnalyst = directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
        nlApprover = directory.addUser(Optional.of(admin), "bert", "NL-IRU", Set.of(Role.APPROVER));
        deAnalyst = directory.addUser(Optional.of(admin), "dieter", "DE-CA", Set.of(Role.ANALYST));
        deApprover = directory.addUser(Optional.of(admin), "doris", "DE-CA", Set.of(Role.APPROVER));
        frAnalyst = directory.addUser(Optional.of(admin), "fanny", "FR-CA", Set.of(Role.ANALYST));
        frApprover = directory.addUser(Optional.of(admin), "felix", "FR-CA", Set.of(Role.APPROVER));
        for (String host : List.of("HOST-IE", "HOST-NL", "HOST-DE")) {
            providerStaff.put(host, directory.addUser(Optional.of(admin), host.toLowerCase() + "-staff", host,
                    Set.of(Role.PROVIDER_STAFF)));
        }
    }

    /** A case of {@code analyst}'s agency with one item per URL; returns the case id. */
    public long caseWith(Actor analyst, Handling handling, String... urls) {
        long caseId = cases.createCase(analyst, "outlet case", handling, false).id();
        for (String url : urls) {
            cases.addItem(analyst, caseId, url, Optional.of("range:" + url), Map.of(), List.of("entity:o01"), handling);
        }
        return caseId;
    }

    /** A delivery to providers that accept everything (HTTP 202) and remember the orders they got. */
    public OrderDelivery accepting() {
        Transport transport = (endpoint, key, type, body) -> {
            String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            if (json.contains("\"kind\":\"order\"")) {
                synchronized (delivered) {
                    delivered.add(new String[] {endpoint.getPath().substring(1),
                            json.replaceAll(".*\"order\":\"([^\"]+)\".*", "$1")});
                }
            }
            return new Transport.Response(202, "{}");
        };
        return new OrderDelivery(new OrderOutbox(database, audit, clock), transport, DeliverySettings.defaults(List.of()),
                clock);
    }

    public WorkflowDispatcher dispatcher(OrderDelivery delivery) {
        return new WorkflowDispatcher(orders, referrals, delivery, clock);
    }

    @Override
    public void close() {
        database.close();
    }
}
