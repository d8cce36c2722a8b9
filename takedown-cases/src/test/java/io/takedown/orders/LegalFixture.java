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
import io.takedown.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A directory of agencies and users on a database, with a clock the test moves. */
public final class LegalFixture implements AutoCloseable {

    public final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    public final Database database;
    public final Signer signer;
    public final AuditLog audit;
    public final Directory directory;
    public final CaseService cases;
    public final ReferralService referrals;
    public final OrderService orders;
    public final Actor admin;
    public final Actor analyst;
    public final Actor approver;
    public final Actor otherAnalyst;
    public final Actor coordinator;
    public final Actor providerStaff;
    public final Actor auditor;

    public LegalFixture(Database database) {
        this(database, Signer.ephemeral());
    }

    public LegalFixture(Database database, Signer signer) {
        this.database = database;
        this.signer = signer;
        audit = new AuditLog(database.dialect(), signer, clock);
        directory = new Directory(database, audit);
        cases = new CaseService(database, audit, clock);
        referrals = new ReferralService(database, directory, audit, clock);
        orders = new OrderService(database, directory, audit, clock);
        directory.addAgency(Optional.empty(), "NL-IRU", "Dutch referral unit (fictional)", "NL", AgencyKind.COMPETENT_AUTHORITY,
                Optional.empty());
        admin = directory.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
        directory.addAgency(Optional.of(admin), "DE-CA", "German authority (fictional)", "DE", AgencyKind.COMPETENT_AUTHORITY,
                Optional.empty());
        directory.addAgency(Optional.of(admin), "EU-HUB", "Coordinator (fictional)", "NL", AgencyKind.COORDINATOR,
                Optional.empty());
        directory.addAgency(Optional.of(admin), "HOST-NL", "Veluri Net", "NL", AgencyKind.PROVIDER, Optional.empty());
        directory.addAgency(Optional.of(admin), "HOST-IE", "Zanine Net", "IE", AgencyKind.PROVIDER, Optional.empty());
        analyst = directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
        approver = directory.addUser(Optional.of(admin), "bert", "NL-IRU", Set.of(Role.APPROVER));
        otherAnalyst = directory.addUser(Optional.of(admin), "dieter", "DE-CA", Set.of(Role.ANALYST));
        coordinator = directory.addUser(Optional.of(admin), "eva", "EU-HUB", Set.of(Role.COORDINATOR));
        providerStaff = directory.addUser(Optional.of(admin), "pia", "HOST-IE", Set.of(Role.PROVIDER_STAFF));
        auditor = directory.addUser(Optional.of(admin), "otto", "NL-IRU", Set.of(Role.AUDITOR));
    }

    /** A case with one item of {@code handling}, owned by the analyst's agency; returns the item id. */
    public long item(String url, Handling handling) {
        long caseId = cases.createCase(analyst, "synthetic outlet o01", handling, false).id();
        return cases.addItem(analyst, caseId, url, Optional.of("warc:capture-1"), Map.of("pdq", "0".repeat(64)),
                List.of("behaviour:propaganda"), handling).id();
    }

    @Override
    public void close() {
        database.close();
    }
}
