package io.takedown.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.takedown.core.TakedownException;
import io.takedown.orders.Impossibility;
import io.takedown.orders.LegalFixture;
import io.takedown.orders.TransparencyReport;
import io.takedown.orders.Transmitter;
import io.takedown.audit.AuditVerifier;
import io.takedown.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every role against every action, through the services (not only the policy table): a denied action
 * fails with FORBIDDEN naming the role; an allowed one never fails for lack of a role (it may fail on
 * state, which this test ignores).
 */
class AuthorizationMatrixTest {

    @TempDir
    Path directory;

    /** The matrix as the product promises it. */
    static final Map<Role, Set<Action>> EXPECTED = Map.of(
            Role.ANALYST, Set.of(Action.CREATE_CASE, Action.ADD_ITEM, Action.VIEW_ITEM, Action.CREATE_REFERRAL,
                    Action.DRAFT_ORDER, Action.VIEW_ORDER, Action.MATCH_CONTENT, Action.CURATE_BANKS),
            Role.APPROVER, Set.of(Action.VIEW_ITEM, Action.SEND_REFERRAL, Action.RECORD_REFERRAL_OUTCOME,
                    Action.APPROVE_ORDER, Action.SEND_ORDER, Action.RECORD_FEEDBACK, Action.DECLARE_IMPOSSIBILITY,
                    Action.RECORD_SCRUTINY, Action.MANAGE_PRESERVATION, Action.VIEW_ORDER, Action.REPORT),
            Role.COORDINATOR, Set.of(Action.VIEW_ITEM, Action.VIEW_ORDER, Action.REPORT, Action.MATCH_CONTENT),
            Role.PROVIDER_STAFF, Set.of(Action.RECORD_FEEDBACK, Action.DECLARE_IMPOSSIBILITY, Action.VIEW_ORDER,
                    Action.MATCH_CONTENT),
            Role.AUDITOR, Set.of(Action.VIEW_AUDIT, Action.REPORT, Action.VIEW_ORDER),
            Role.ADMIN, Set.of(Action.MANAGE_DIRECTORY, Action.VIEW_AUDIT));

    @Test
    void policyTableIsTheDocumentedMatrix() {
        for (Role role : Role.values()) {
            for (Action action : Action.values()) {
                assertThat(Policy.allows(role, action)).as("%s may %s", role, action)
                        .isEqualTo(EXPECTED.get(role).contains(action));
            }
        }
    }

    @Test
    void servicesEnforceEveryCell() {
        try (LegalFixture f = new LegalFixture(Database.embedded(directory))) {
            long item = f.item("https://reniva-courier.test/articles/0.html", Handling.GREEN);
            long order = f.orders.draft(f.analyst, item, "HOST-NL", "Art. 3", "synthetic", true, "en").id();
            long referral = f.referrals.create(f.analyst, item, "HOST-NL").id();
            Map<Action, BiConsumer<LegalFixture, Actor>> calls = new EnumMap<>(Action.class);
            calls.put(Action.CREATE_CASE, (x, a) -> x.cases.createCase(a, "t", Handling.RED, false));
            calls.put(Action.ADD_ITEM, (x, a) -> x.cases.addItem(a, 1, "https://a.test/x", Optional.empty(), Map.of(),
                    List.of(), Handling.RED));
            calls.put(Action.VIEW_ITEM, (x, a) -> x.cases.viewItem(a, item));
            calls.put(Action.CREATE_REFERRAL, (x, a) -> x.referrals.create(a, item, "HOST-NL"));
            calls.put(Action.SEND_REFERRAL, (x, a) -> x.referrals.send(a, referral));
            calls.put(Action.RECORD_REFERRAL_OUTCOME, (x, a) -> x.referrals.recordOutcome(a, referral, "removed"));
            calls.put(Action.DRAFT_ORDER, (x, a) -> x.orders.draft(a, item, "HOST-NL", "Art. 3", "r", true, "en"));
            calls.put(Action.APPROVE_ORDER, (x, a) -> x.orders.approve(a, order));
            calls.put(Action.SEND_ORDER, (x, a) -> x.orders.send(a, order, Transmitter.NONE));
            calls.put(Action.RECORD_FEEDBACK, (x, a) -> x.orders.recordExecution(a, order, Instant.now()));
            calls.put(Action.DECLARE_IMPOSSIBILITY, (x, a) -> x.orders.declareImpossible(a, order,
                    Impossibility.FORCE_MAJEURE, "x"));
            calls.put(Action.RECORD_SCRUTINY, (x, a) -> x.orders.recordScrutiny(a, order, false, "x"));
            calls.put(Action.MANAGE_PRESERVATION, (x, a) -> x.orders.extendPreservation(a, order, Instant.now(), "x"));
            calls.put(Action.VIEW_ORDER, (x, a) -> x.orders.get(a, order));
            calls.put(Action.VIEW_AUDIT, (x, a) -> {
                Policy.check(a, Action.VIEW_AUDIT);
                AuditVerifier.verify(x.database, x.signer.publicKey());
            });
            calls.put(Action.REPORT, (x, a) -> TransparencyReport.forYear(x.database, a, 2026));
            calls.put(Action.MANAGE_DIRECTORY, (x, a) -> x.directory.addAgency(Optional.of(a), "NEW-" + a.name()
                    .toUpperCase(), "n", "NL", AgencyKind.NGO, Optional.empty()));
            // Bank actions are enforced by the server's bank routes (AuthorisationMatrixTest over HTTP there).
            calls.put(Action.MATCH_CONTENT, (x, a) -> Policy.check(a, Action.MATCH_CONTENT));
            calls.put(Action.CURATE_BANKS, (x, a) -> Policy.check(a, Action.CURATE_BANKS));
            assertThat(calls.keySet()).containsExactlyInAnyOrder(Action.values());

            int cells = 0;
            for (Role role : Role.values()) {
                String agency = role == Role.PROVIDER_STAFF ? "HOST-NL" : role == Role.COORDINATOR ? "EU-HUB" : "NL-IRU";
                Actor actor = f.directory.addUser(Optional.of(f.admin), "m-" + role.name().toLowerCase().replace('_', '-'),
                        agency, Set.of(role));
                for (Action action : Action.values()) {
                    Throwable thrown = catchThrowable(() -> calls.get(action).accept(f, actor));
                    boolean deniedByRole = thrown instanceof TakedownException t
                            && t.kind() == TakedownException.Kind.FORBIDDEN && t.getMessage().contains(" may not ");
                    assertThat(deniedByRole).as("%s doing %s: %s", role, action, thrown)
                            .isEqualTo(!EXPECTED.get(role).contains(action));
                    cells++;
                }
            }
            assertThat(cells).isEqualTo(Role.values().length * Action.values().length);
        }
    }
}
