package io.takedown.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.audit.AuditLog;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.Signer;
import io.takedown.cases.CaseService;
import io.takedown.cases.Directory;
import io.takedown.cases.ReferralService;
import io.takedown.core.InvalidInputException;
import io.takedown.core.ManualClock;
import io.takedown.core.TakedownException;
import io.takedown.orders.Impossibility;
import io.takedown.orders.OrderService;
import io.takedown.orders.OutboxMessage;
import io.takedown.orders.TransparencyReport;
import io.takedown.oversight.AuditReview;
import io.takedown.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every agency kind × role set (single roles and several per user) × action × handling code × order state,
 * through the services, against the rules as the product promises them, written here independently of
 * {@link Policy}: each cell must end in exactly the expected outcome (done, forbidden, not found, conflict).
 *
 * <p>The world: NL-CA (Dutch competent authority) issues every order, to HOST-IE (an Irish provider), so
 * IE-CA (Irish competent authority) is the host state; DE-CA, NL-RU (referral unit), EU-HUB (coordinator),
 * HOST-NL (another provider) and NGO-1 are bystanders. Nobody has an endpoint: documents go out of band
 * and the issuer records receipts.
 */
class AuthorizationMatrixTest {

    enum Outcome { DONE, FORBIDDEN, NOT_FOUND, CONFLICT, INVALID }

    /** The order states a cell can start from (suspensions of both kinds: they end differently). */
    enum Situation { DRAFT, APPROVED, QUEUED, SENT, SUSPENDED_FORCE_MAJEURE, SUSPENDED_MISSING_INFO, EXECUTED, CEASED }

    /** Order actions, each the service call a user would make. */
    enum OrderAct { VIEW, APPROVE, SEND, RECORD_RECEIPT, FEEDBACK, IMPOSSIBLE, RESUME, REASONS_CEASED, CONTEST,
        SCRUTINY, PRESERVE, WITHHOLD, EXTEND_WITHHOLDING }

    /** Case-level actions. */
    enum CaseAct { CREATE_CASE, ADD_ITEM, VIEW_ITEM, DECONFLICT, CREATE_REFERRAL, SEND_REFERRAL, REFERRAL_OUTCOME,
        DRAFT_ORDER, REPORT, MANAGE_DIRECTORY, VERIFY_AUDIT }

    // ------------------------------------------------------------------ the promise, independently stated

    static final Map<AgencyKind, Set<Role>> ROLES_OF_KIND = Map.of(
            AgencyKind.COMPETENT_AUTHORITY, EnumSet.of(Role.ANALYST, Role.APPROVER, Role.AUDITOR, Role.ADMIN),
            AgencyKind.REFERRAL_UNIT, EnumSet.of(Role.ANALYST, Role.APPROVER, Role.AUDITOR, Role.ADMIN),
            AgencyKind.COORDINATOR, EnumSet.of(Role.COORDINATOR, Role.ANALYST, Role.APPROVER, Role.AUDITOR, Role.ADMIN),
            AgencyKind.PROVIDER, EnumSet.of(Role.PROVIDER_STAFF, Role.AUDITOR),
            AgencyKind.NGO, EnumSet.of(Role.ANALYST, Role.APPROVER, Role.AUDITOR));

    /** Which roles may take an action at all, and in which kinds of agency. */
    record Rule(Set<Role> roles, Set<AgencyKind> kinds) {
    }

    static final Set<AgencyKind> AUTHORITIES = EnumSet.of(AgencyKind.COMPETENT_AUTHORITY, AgencyKind.REFERRAL_UNIT,
            AgencyKind.COORDINATOR);
    static final Set<AgencyKind> CASEWORK = EnumSet.of(AgencyKind.COMPETENT_AUTHORITY, AgencyKind.REFERRAL_UNIT,
            AgencyKind.COORDINATOR, AgencyKind.NGO);
    static final Set<AgencyKind> ISSUING = EnumSet.of(AgencyKind.COMPETENT_AUTHORITY);
    static final Set<AgencyKind> PROVIDERS = EnumSet.of(AgencyKind.PROVIDER);

    static Rule rule(OrderAct act) {
        return switch (act) {
            case VIEW -> new Rule(EnumSet.of(Role.ANALYST, Role.APPROVER, Role.COORDINATOR, Role.PROVIDER_STAFF,
                    Role.AUDITOR), EnumSet.complementOf(EnumSet.of(AgencyKind.NGO)));
            case APPROVE, SEND, RECORD_RECEIPT, RESUME, PRESERVE, WITHHOLD, EXTEND_WITHHOLDING, SCRUTINY ->
                    new Rule(EnumSet.of(Role.APPROVER), ISSUING);
            case FEEDBACK, IMPOSSIBLE, REASONS_CEASED, CONTEST -> new Rule(EnumSet.of(Role.PROVIDER_STAFF), PROVIDERS);
        };
    }

    static Rule rule(CaseAct act) {
        return switch (act) {
            case CREATE_CASE, ADD_ITEM -> new Rule(EnumSet.of(Role.ANALYST), CASEWORK);
            case VIEW_ITEM -> new Rule(EnumSet.of(Role.ANALYST, Role.APPROVER, Role.COORDINATOR), CASEWORK);
            case DECONFLICT -> new Rule(EnumSet.of(Role.ANALYST, Role.APPROVER, Role.COORDINATOR), AUTHORITIES);
            case CREATE_REFERRAL -> new Rule(EnumSet.of(Role.ANALYST), CASEWORK);
            case SEND_REFERRAL, REFERRAL_OUTCOME -> new Rule(EnumSet.of(Role.APPROVER), CASEWORK);
            case DRAFT_ORDER -> new Rule(EnumSet.of(Role.ANALYST), ISSUING);
            case REPORT -> new Rule(EnumSet.of(Role.APPROVER, Role.COORDINATOR, Role.AUDITOR), AUTHORITIES);
            case MANAGE_DIRECTORY -> new Rule(EnumSet.of(Role.ADMIN), AUTHORITIES);
            case VERIFY_AUDIT -> new Rule(EnumSet.of(Role.AUDITOR, Role.ADMIN), AUTHORITIES);
        };
    }

    static boolean permitted(Rule rule, Actor actor) {
        return rule.kinds().contains(actor.agencyKind())
                && actor.roles().stream().anyMatch(rule.roles()::contains);
    }

    static boolean sees(Actor actor, Handling handling) {
        if (actor.agency().equals("NL-CA")) {
            return true;
        }
        if (!AUTHORITIES.contains(actor.agencyKind())) {
            return false;
        }
        return handling == Handling.GREEN || handling == Handling.AMBER && actor.agencyKind() == AgencyKind.COORDINATOR;
    }

    static Outcome expected(Actor actor, OrderAct act, Situation s, Handling handling) {
        if (!permitted(rule(act), actor)) {
            return Outcome.FORBIDDEN;
        }
        boolean issued = s != Situation.DRAFT && s != Situation.APPROVED;
        boolean issuer = actor.agency().equals("NL-CA");
        boolean addressee = actor.agency().equals("HOST-IE") && issued;
        boolean hostState = actor.agency().equals("IE-CA") && issued;
        if (!issuer && !addressee && !hostState && !sees(actor, handling)) {
            return Outcome.NOT_FOUND;
        }
        boolean party = switch (act) {
            case VIEW -> true;
            case APPROVE, SEND, RECORD_RECEIPT, RESUME, PRESERVE, WITHHOLD, EXTEND_WITHHOLDING -> issuer;
            case FEEDBACK, IMPOSSIBLE, REASONS_CEASED, CONTEST -> addressee;
            case SCRUTINY -> hostState;
        };
        if (!party) {
            return Outcome.FORBIDDEN;
        }
        boolean suspended = s == Situation.SUSPENDED_FORCE_MAJEURE || s == Situation.SUSPENDED_MISSING_INFO;
        boolean running = s == Situation.SENT || suspended || s == Situation.EXECUTED;
        boolean ok = switch (act) {
            case VIEW -> true;
            case APPROVE -> s == Situation.DRAFT;
            case SEND -> s == Situation.APPROVED;
            case RECORD_RECEIPT -> s == Situation.QUEUED; // the one out-of-band order not yet received
            case FEEDBACK -> s == Situation.SENT || suspended;
            case IMPOSSIBLE -> s == Situation.SENT;
            case RESUME -> s == Situation.SUSPENDED_MISSING_INFO;
            case REASONS_CEASED -> s == Situation.SUSPENDED_FORCE_MAJEURE;
            case CONTEST, WITHHOLD -> running;
            case EXTEND_WITHHOLDING -> false; // nothing withheld yet
            case SCRUTINY -> s == Situation.QUEUED || running;
            case PRESERVE -> s == Situation.EXECUTED || s == Situation.CEASED;
        };
        return ok ? Outcome.DONE : Outcome.CONFLICT;
    }

    static Outcome expected(Actor actor, CaseAct act, Handling handling) {
        if (!permitted(rule(act), actor)) {
            return Outcome.FORBIDDEN;
        }
        boolean own = actor.agency().equals("NL-CA");
        return switch (act) {
            case CREATE_CASE, DECONFLICT, REPORT, MANAGE_DIRECTORY, VERIFY_AUDIT -> Outcome.DONE;
            case VIEW_ITEM -> sees(actor, handling) ? Outcome.DONE : Outcome.NOT_FOUND;
            case ADD_ITEM, CREATE_REFERRAL, DRAFT_ORDER ->
                    own ? Outcome.DONE : sees(actor, handling) ? Outcome.FORBIDDEN : Outcome.NOT_FOUND;
            case SEND_REFERRAL, REFERRAL_OUTCOME -> own ? Outcome.DONE : Outcome.NOT_FOUND;
        };
    }

    // ------------------------------------------------------------------ the world

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path scratch;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private Database database;
    private Directory directory;
    private CaseService cases;
    private ReferralService referrals;
    private OrderService orders;
    private AuditReview review;
    private Actor admin;
    private Actor drafter;
    private Actor issuer;
    private Actor provider;
    private Actor host;
    private final List<Actor> actors = new ArrayList<>();

    @BeforeEach
    void world() {
        // tmpfs when the machine has one: fourteen thousand committed transactions need no disk flushes.
        java.nio.file.Path shm = java.nio.file.Path.of("/dev/shm");
        java.nio.file.Path file = (java.nio.file.Files.isWritable(shm) ? shm : scratch)
                .resolve("takedown-matrix-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".db");
        dbFile = file;
        database = Database.open("jdbc:sqlite:" + file);
        Signer signer = Signer.ephemeral();
        AuditLog audit = new AuditLog(database.dialect(), signer, clock);
        review = new AuditReview(database, audit, () -> AuditVerifier.Trust.key(signer.publicKey()));
        directory = new Directory(database, audit);
        cases = new CaseService(database, audit, clock);
        referrals = new ReferralService(database, directory, audit, clock);
        orders = new OrderService(database, directory, audit, clock);
        Map<String, Object[]> agencies = new LinkedHashMap<>();
        agencies.put("NL-CA", new Object[] {"NL", AgencyKind.COMPETENT_AUTHORITY});
        agencies.put("IE-CA", new Object[] {"IE", AgencyKind.COMPETENT_AUTHORITY});
        agencies.put("DE-CA", new Object[] {"DE", AgencyKind.COMPETENT_AUTHORITY});
        agencies.put("NL-RU", new Object[] {"NL", AgencyKind.REFERRAL_UNIT});
        agencies.put("EU-HUB", new Object[] {"NL", AgencyKind.COORDINATOR});
        agencies.put("HOST-IE", new Object[] {"IE", AgencyKind.PROVIDER});
        agencies.put("HOST-NL", new Object[] {"NL", AgencyKind.PROVIDER});
        agencies.put("NGO-1", new Object[] {"NL", AgencyKind.NGO});
        directory.addAgency(Optional.empty(), "NL-CA", "issuer", "NL", AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
        admin = directory.addUser(Optional.empty(), "root", "NL-CA", Set.of(Role.ADMIN));
        agencies.forEach((code, v) -> {
            if (!code.equals("NL-CA")) {
                directory.addAgency(Optional.of(admin), code, code, (String) v[0], (AgencyKind) v[1], Optional.empty());
            }
        });
        drafter = directory.addUser(Optional.of(admin), "drafter", "NL-CA", Set.of(Role.ANALYST));
        issuer = directory.addUser(Optional.of(admin), "issuer", "NL-CA", Set.of(Role.APPROVER));
        provider = directory.addUser(Optional.of(admin), "staff", "HOST-IE", Set.of(Role.PROVIDER_STAFF));
        host = directory.addUser(Optional.of(admin), "host", "IE-CA", Set.of(Role.APPROVER));
        int n = 0;
        for (var agency : agencies.entrySet()) {
            Set<Role> allowed = ROLES_OF_KIND.get((AgencyKind) agency.getValue()[1]);
            List<Set<Role>> sets = new ArrayList<>();
            allowed.forEach(role -> sets.add(EnumSet.of(role)));
            sets.add(EnumSet.copyOf(allowed));
            for (Set<Role> roles : sets) {
                actors.add(directory.addUser(Optional.of(admin), "u" + n++, agency.getKey(), roles));
            }
        }
    }

    private java.nio.file.Path dbFile;

    @AfterEach
    void close() throws java.io.IOException {
        database.close();
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(dbFile + suffix));
        }
    }

    private long item(Handling handling) {
        long caseId = cases.createCase(drafter, "matrix", handling, false).id();
        return cases.addItem(drafter, caseId, "https://reniva-courier.test/articles/" + System.nanoTime() + ".html",
                Optional.empty(), Map.of(), List.of(), handling).id();
    }

    private long order(Situation s, Handling handling) {
        long id = orders.draft(drafter, item(handling), "HOST-IE", "Art. 3", "synthetic", true, "en").id();
        if (s == Situation.DRAFT) {
            return id;
        }
        orders.approve(issuer, id);
        if (s == Situation.APPROVED) {
            return id;
        }
        orders.send(issuer, id);
        if (s == Situation.QUEUED) {
            return id;
        }
        orders.recordReceipt(issuer, id, OutboxMessage.Kind.ORDER, clock.instant());
        switch (s) {
            case SUSPENDED_FORCE_MAJEURE -> orders.declareImpossible(provider, id, Impossibility.FORCE_MAJEURE, "flood");
            case SUSPENDED_MISSING_INFO -> orders.declareImpossible(provider, id, Impossibility.MISSING_INFORMATION, "?");
            case EXECUTED -> orders.recordExecution(provider, id, clock.instant());
            case CEASED -> orders.recordScrutiny(host, id, true, "infringes");
            default -> { }
        }
        return id;
    }

    private void act(OrderAct act, Actor actor, long id) {
        Instant now = clock.instant();
        switch (act) {
            case VIEW -> orders.get(actor, id);
            case APPROVE -> orders.approve(actor, id);
            case SEND -> orders.send(actor, id);
            case RECORD_RECEIPT -> orders.recordReceipt(actor, id, OutboxMessage.Kind.ORDER, now);
            case FEEDBACK -> orders.recordExecution(actor, id, now);
            case IMPOSSIBLE -> orders.declareImpossible(actor, id, Impossibility.MANIFEST_ERROR, "typo");
            case RESUME -> orders.resume(actor, id, "clarified");
            case REASONS_CEASED -> orders.reportReasonsCeased(actor, id, "power back");
            case CONTEST -> orders.contest(actor, id, "grounds");
            case SCRUTINY -> orders.recordScrutiny(actor, id, false, "upheld");
            case PRESERVE -> orders.extendPreservation(actor, id, now.plus(Duration.ofDays(400)), "court");
            case WITHHOLD -> orders.withholdInformation(actor, id, 6, "investigation");
            case EXTEND_WITHHOLDING -> orders.extendWithholding(actor, id, 6, "investigation");
        }
    }

    private int agencies;

    private void act(CaseAct act, Actor actor, Handling handling) {
        switch (act) {
            case CREATE_CASE -> cases.createCase(actor, "t", handling, false);
            case ADD_ITEM -> cases.addItem(actor, cases.createCase(drafter, "c", handling, false).id(),
                    "https://a.test/x", Optional.empty(), Map.of(), List.of(), handling);
            case VIEW_ITEM -> cases.viewItem(actor, item(handling));
            case DECONFLICT -> cases.priorActions(actor, "https://a.test/x");
            case CREATE_REFERRAL -> referrals.create(actor, item(handling), "HOST-IE");
            case SEND_REFERRAL -> referrals.send(actor, referrals.create(drafter, item(handling), "HOST-IE").id());
            case REFERRAL_OUTCOME -> {
                long referral = referrals.create(drafter, item(handling), "HOST-IE").id();
                referrals.send(issuer, referral);
                referrals.recordOutcome(actor, referral, "removed");
            }
            case DRAFT_ORDER -> orders.draft(actor, item(handling), "HOST-IE", "Art. 3", "r", true, "en");
            case REPORT -> TransparencyReport.forYear(database, actor, 2026);
            case MANAGE_DIRECTORY -> directory.addAgency(Optional.of(actor), "NEW-" + agencies++, "n", "NL",
                    AgencyKind.NGO, Optional.empty());
            case VERIFY_AUDIT -> {
                if (!review.verify(actor).intact()) {
                    throw new AssertionError("the record does not verify");
                }
            }
        }
    }

    private static Outcome outcome(Runnable call) {
        try {
            call.run();
            return Outcome.DONE;
        } catch (InvalidInputException e) {
            return Outcome.INVALID;
        } catch (TakedownException e) {
            return switch (e.kind()) {
                case FORBIDDEN -> Outcome.FORBIDDEN;
                case NOT_FOUND -> Outcome.NOT_FOUND;
                case CONFLICT -> Outcome.CONFLICT;
                case INVALID_INPUT -> Outcome.INVALID;
                case IO -> throw e;
            };
        }
    }

    @Test
    void everyCell_endsInExactlyThePromisedOutcome() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
        for (Handling handling : Handling.values()) {
            for (Situation situation : Situation.values()) {
                long id = order(situation, handling);
                for (OrderAct act : OrderAct.values()) {
                    for (Actor actor : actors) {
                        Outcome want = expected(actor, act, situation, handling);
                        long target = id;
                        Outcome got = outcome(() -> act(act, actor, target));
                        cells++;
                        seen.merge(got, 1, Integer::sum);
                        if (got != want) {
                            wrong.add(actor.agency() + " " + actor.roles() + " " + act + " on " + situation + "/"
                                    + handling + ": expected " + want + ", got " + got);
                        }
                        if (got == Outcome.DONE && act != OrderAct.VIEW) {
                            id = order(situation, handling); // the state moved: a fresh order for the next cell
                        }
                    }
                }
            }
            for (CaseAct act : CaseAct.values()) {
                for (Actor actor : actors) {
                    Outcome want = expected(actor, act, handling);
                    Outcome got = outcome(() -> act(act, actor, handling));
                    cells++;
                    seen.merge(got, 1, Integer::sum);
                    if (got != want) {
                        wrong.add(actor.agency() + " " + actor.roles() + " " + act + " on " + handling
                                + ": expected " + want + ", got " + got);
                    }
                }
            }
        }
        assertThat(wrong).as("%d of %d cells wrong", wrong.size(), cells).isEmpty();
        assertThat(cells).isEqualTo(Handling.values().length * actors.size()
                * (Situation.values().length * OrderAct.values().length + CaseAct.values().length));
        assertThat(seen.keySet()).as("every outcome occurs somewhere")
                .containsExactlyInAnyOrder(Outcome.DONE, Outcome.FORBIDDEN, Outcome.NOT_FOUND, Outcome.CONFLICT);
    }

    /** Bank actions are checked by the bank services; here their policy cells, every kind × role. */
    @Test
    void bankActions_followRoleAndAgencyKind() {
        for (AgencyKind kind : AgencyKind.values()) {
            for (Role role : ROLES_OF_KIND.get(kind)) {
                Actor actor = new Actor(0, "x", "X", "NL", kind, Set.of(role));
                assertThat(Policy.allows(actor, Action.MATCH_CONTENT)).as("%s at %s may match", role, kind)
                        .isEqualTo(EnumSet.of(Role.ANALYST, Role.COORDINATOR, Role.PROVIDER_STAFF).contains(role));
                assertThat(Policy.allows(actor, Action.CURATE_BANKS)).as("%s at %s may curate", role, kind)
                        .isEqualTo(role == Role.ANALYST && CASEWORK.contains(kind));
            }
        }
    }

    @Test
    void addUser_grantsOnlyTheRolesAnAgencyKindMayHold() {
        Map<AgencyKind, String> agencyOf = Map.of(AgencyKind.COMPETENT_AUTHORITY, "DE-CA", AgencyKind.REFERRAL_UNIT,
                "NL-RU", AgencyKind.COORDINATOR, "EU-HUB", AgencyKind.PROVIDER, "HOST-NL", AgencyKind.NGO, "NGO-1");
        int n = 0;
        for (AgencyKind kind : AgencyKind.values()) {
            for (Role role : Role.values()) {
                String name = "r" + n++;
                Outcome got = outcome(() -> directory.addUser(Optional.of(admin), name, agencyOf.get(kind), Set.of(role)));
                assertThat(got).as("%s at a %s", role, kind)
                        .isEqualTo(ROLES_OF_KIND.get(kind).contains(role) ? Outcome.DONE : Outcome.INVALID);
            }
        }
        assertThat(outcome(() -> directory.addUser(Optional.of(admin), "mixed", "HOST-NL",
                Set.of(Role.PROVIDER_STAFF, Role.APPROVER)))).as("one refused role refuses the user").isEqualTo(Outcome.INVALID);
    }

    @Test
    void redItems_areNotFoundForOutsiders_andTheAnswerNamesNeitherOwnerNorCode() {
        long red = item(Handling.RED);
        Actor outsider = actors.stream().filter(a -> a.agency().equals("DE-CA") && a.roles().contains(Role.ANALYST))
                .findFirst().orElseThrow();
        TakedownException e = org.junit.jupiter.api.Assertions.assertThrows(TakedownException.class,
                () -> cases.viewItem(outsider, red));
        assertThat(e.kind()).isEqualTo(TakedownException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).doesNotContain("NL-CA").doesNotContain("RED");
        long order = order(Situation.SENT, Handling.RED);
        TakedownException o = org.junit.jupiter.api.Assertions.assertThrows(TakedownException.class,
                () -> orders.get(outsider, order));
        assertThat(o.getMessage()).isEqualTo("no removal order " + order);
    }
}
