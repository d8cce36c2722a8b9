package io.takedown.orders;

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
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A directory of agencies and users on a database, with a clock the test moves and a delivery that hands
 * documents to an in-memory recipient ({@link FakeTransport}) acknowledging with HTTP 202.
 *
 * <p>NL-IRU (NL competent authority) issues; HOST-NL and HOST-IE are providers; IE-CA is Ireland's
 * competent authority (host state of HOST-IE); DE-CA another state's; EU-HUB the coordinator.
 */
public final class LegalFixture implements AutoCloseable {

    public static final String ENDPOINT = "https://127.0.0.1:9/.well-known/takedown/notice";

    public final ManualClock clock;
    public final Database database;
    public final Signer signer;
    public final AuditLog audit;
    public final Directory directory;
    public final CaseService cases;
    public final ReferralService referrals;
    public final OrderService orders;
    public final OrderOutbox outbox;
    public final FakeTransport transport = new FakeTransport();
    public final OrderDelivery delivery;
    public final Actor admin;
    public final Actor analyst;
    public final Actor approver;
    public final Actor otherAnalyst;
    public final Actor coordinator;
    public final Actor providerStaff;
    public final Actor hostNlStaff;
    public final Actor hostAuthority;
    public final Actor auditor;

    public LegalFixture(Database database) {
        this(database, Signer.ephemeral());
    }

    public LegalFixture(Database database, Signer signer) {
        this(database, signer, new ManualClock(Instant.parse("2026-03-02T08:00:00Z")));
    }

    public LegalFixture(Database database, Signer signer, Clock time) {
        this.clock = time instanceof ManualClock manual ? manual : null;
        this.database = database;
        this.signer = signer;
        audit = new AuditLog(database.dialect(), signer, time);
        directory = new Directory(database, audit);
        cases = new CaseService(database, audit, time);
        referrals = new ReferralService(database, directory, audit, time);
        orders = new OrderService(database, directory, audit, time);
        outbox = new OrderOutbox(database, audit, time);
        delivery = new OrderDelivery(outbox, transport, DeliverySettings.defaults(List.of())
                .withRetries(3, Duration.ofSeconds(10), Duration.ofMinutes(1)), time);
        Optional<Actor> existing = existing("admin");
        if (existing.isPresent()) {
            admin = existing.get();
            analyst = directory.actor("ana");
            approver = directory.actor("bert");
            otherAnalyst = directory.actor("dieter");
            coordinator = directory.actor("eva");
            providerStaff = directory.actor("pia");
            hostNlStaff = directory.actor("nora");
            hostAuthority = directory.actor("iris");
            auditor = directory.actor("otto");
            return;
        }
        directory.addAgency(Optional.empty(), "NL-IRU", "Dutch referral unit (fictional)", "NL", AgencyKind.COMPETENT_AUTHORITY,
                Optional.empty());
        admin = directory.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
        directory.addAgency(Optional.of(admin), "DE-CA", "German authority (fictional)", "DE", AgencyKind.COMPETENT_AUTHORITY,
                Optional.empty());
        directory.addAgency(Optional.of(admin), "IE-CA", "Irish authority (fictional)", "IE", AgencyKind.COMPETENT_AUTHORITY,
                Optional.of(ENDPOINT.replace("/.well-known/takedown/notice", "/authority/IE/orders")));
        directory.addAgency(Optional.of(admin), "EU-HUB", "Coordinator (fictional)", "NL", AgencyKind.COORDINATOR,
                Optional.empty());
        directory.addAgency(Optional.of(admin), "HOST-NL", "Veluri Net", "NL", AgencyKind.PROVIDER, Optional.of(ENDPOINT));
        directory.addAgency(Optional.of(admin), "HOST-IE", "Zanine Net", "IE", AgencyKind.PROVIDER, Optional.of(ENDPOINT));
        analyst = directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
        approver = directory.addUser(Optional.of(admin), "bert", "NL-IRU", Set.of(Role.APPROVER));
        otherAnalyst = directory.addUser(Optional.of(admin), "dieter", "DE-CA", Set.of(Role.ANALYST));
        coordinator = directory.addUser(Optional.of(admin), "eva", "EU-HUB", Set.of(Role.COORDINATOR));
        providerStaff = directory.addUser(Optional.of(admin), "pia", "HOST-IE", Set.of(Role.PROVIDER_STAFF));
        hostNlStaff = directory.addUser(Optional.of(admin), "nora", "HOST-NL", Set.of(Role.PROVIDER_STAFF));
        hostAuthority = directory.addUser(Optional.of(admin), "iris", "IE-CA", Set.of(Role.APPROVER));
        auditor = directory.addUser(Optional.of(admin), "otto", "NL-IRU", Set.of(Role.AUDITOR));
    }

    private Optional<Actor> existing(String name) {
        try {
            return Optional.of(directory.actor(name));
        } catch (io.takedown.core.TakedownException e) {
            return Optional.empty();
        }
    }

    /** A case with one item of {@code handling}, owned by the analyst's agency; returns the item id. */
    public long item(String url, Handling handling) {
        long caseId = cases.createCase(analyst, "synthetic outlet o01", handling, false).id();
        return cases.addItem(analyst, caseId, url, Optional.of("warc:capture-1"), Map.of("pdq", "0".repeat(64)),
                List.of("behaviour:propaganda"), handling).id();
    }

    /** The provider staff user of {@code provider}. */
    public Actor staffOf(String provider) {
        return provider.equals("HOST-IE") ? providerStaff : hostNlStaff;
    }

    /** Draft, approve and send an emergency order to {@code provider}, delivered and received now. */
    public RemovalOrder received(String url, Handling handling, String provider) {
        long item = item(url, handling);
        RemovalOrder order = orders.draft(analyst, item, provider, "Art. 3", "synthetic", true, "en");
        orders.approve(approver, order.id());
        return sendAndDeliver(order.id());
    }

    public RemovalOrder sendAndDeliver(long orderId) {
        orders.send(approver, orderId);
        delivery.deliver(orderId);
        return orders.get(approver, orderId);
    }

    @Override
    public void close() {
        database.close();
    }
}
