package io.takedown.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.core.TakedownException;
import io.takedown.operations.afteraction.AfterAction;
import io.takedown.operations.afteraction.ResurfacingSource;
import io.takedown.operations.deconfliction.Hit;
import io.takedown.operations.deconfliction.Scope;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may read and decide what on an action day, beyond the happy path: handling codes hold on every list
 * the services hand out (not only where an adapter remembers to check), the board is for those with order
 * rights, and every authority kind that may register a "do not touch" entry can also release it.
 */
class ActionAccessTest {

    @TempDir
    Path dir;

    private static final String RED_URL = "http://outlet-one.test/articles/red.html";
    private static final String AMBER_URL = "http://outlet-one.test/articles/amber.html";

    @Test
    void targets_ofAnotherAgencysRedItem_areRestrictedForTheCoordinator() {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            ActionDay day = plannedWithRedAndAmber(f);
            List<Target> seenByHub = f.planning.targets(f.coordinator, day.id());
            assertThat(seenByHub).extracting(Target::url).containsExactlyInAnyOrder("restricted", AMBER_URL);
            assertThat(f.planning.targets(f.nlAnalyst, day.id())).extracting(Target::url)
                    .containsExactlyInAnyOrder(RED_URL, AMBER_URL);
        }
    }

    @Test
    void afterAction_reappearanceOfARedItem_isCountedButNotNamedToTheCoordinator() {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            ActionDay day = plannedWithRedAndAmber(f);
            f.planning.freeze(f.coordinator, day.id());
            f.goNoGo.approve(f.nlApprover, day.id());
            f.clock.now = day.hHour();
            f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting()));
            for (Target t : f.planning.targets(f.nlAnalyst, day.id())) {
                f.orders.recordExecution(f.staff.get("HOST-IE"), t.orderId().getAsLong(), f.clock.now);
            }
            f.clock.advance(Duration.ofHours(2));
            ResurfacingSource everythingBack = new ResurfacingSource() {
                @Override
                public String description() {
                    return "all of it came back";
                }

                @Override
                public List<Reappearance> resurfaced(List<String> removedUrls, Instant from, Instant until) {
                    return removedUrls.stream().map(u -> new Reappearance(u, u.replace("outlet-one", "mirror"),
                            "HOST-NL", from.plus(Duration.ofMinutes(30)))).toList();
                }

                @Override
                public List<NewMirror> newMirrors(Instant from, Instant until) {
                    return List.of();
                }
            };
            AfterAction toHub = f.afterAction.report(f.coordinator, day.id(), everythingBack);
            List<ResurfacingSource.Reappearance> back = toHub.checkpoints().getFirst().resurfaced();
            assertThat(back).hasSize(2);
            assertThat(back).extracting(ResurfacingSource.Reappearance::removedUrl)
                    .containsExactlyInAnyOrder("restricted", AMBER_URL);
            assertThat(back.toString()).doesNotContain("red.html");
            AfterAction toOwner = f.afterAction.report(f.nlApprover, day.id(), everythingBack);
            assertThat(toOwner.checkpoints().getFirst().resurfaced())
                    .extracting(ResurfacingSource.Reappearance::removedUrl).contains(RED_URL);
        }
    }

    @Test
    void board_ofTheHub_isForUsersWithOrderRights_notItsAdministrator() {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            ActionDay day = plannedWithRedAndAmber(f);
            assertThatThrownBy(() -> f.boards.board(f.admin, day.id())).isInstanceOf(TakedownException.class)
                    .extracting(e -> ((TakedownException) e).kind()).isEqualTo(TakedownException.Kind.FORBIDDEN);
            assertThatThrownBy(() -> f.planning.targets(f.admin, day.id()))
                    .extracting(e -> ((TakedownException) e).kind()).isEqualTo(TakedownException.Kind.FORBIDDEN);
            Actor hubAuditor = f.directory.addUser(Optional.of(f.admin), "hub-auditor", "EU-HUB", Set.of(Role.AUDITOR));
            assertThat(f.boards.board(hubAuditor, day.id()).total().targets()).isEqualTo(2);
        }
    }

    @Test
    void release_byAnApproverOfAReferralUnit_letsItsEntryGo() {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            f.directory.addAgency(Optional.of(f.admin), "BE-IRU", "Belgian referral unit (fictional)", "BE",
                    AgencyKind.REFERRAL_UNIT, Optional.empty());
            Actor beAnalyst = f.directory.addUser(Optional.of(f.admin), "bea", "BE-IRU", Set.of(Role.ANALYST));
            Actor beApprover = f.directory.addUser(Optional.of(f.admin), "ben", "BE-IRU", Set.of(Role.APPROVER));
            f.deconfliction.register(beAnalyst, Scope.URL, AMBER_URL, "watching the uploader", "desk BE",
                    Handling.AMBER);
            ActionDay day = plannedWithRedAndAmber(f);
            Hit hit = f.deconfliction.hits(beApprover).getFirst();
            assertThat(f.deconfliction.release(beApprover, hit.reference()).status()).isEqualTo("released");
            assertThat(f.boards.board(f.coordinator, day.id()).total().held()).isZero();
        }
    }

    @Test
    void hitsAndEntries_needTheRightToDeconflict() {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            f.deconfliction.register(f.deApprover, Scope.URL, AMBER_URL, "watching the uploader", "desk DE",
                    Handling.AMBER);
            plannedWithRedAndAmber(f);
            Actor deAdmin = f.directory.addUser(Optional.of(f.admin), "de-admin", "DE-CA", Set.of(Role.ADMIN));
            Actor deAuditor = f.directory.addUser(Optional.of(f.admin), "de-auditor", "DE-CA", Set.of(Role.AUDITOR));
            for (Actor outsider : List.of(deAdmin, deAuditor)) {
                assertThatThrownBy(() -> f.deconfliction.hits(outsider))
                        .extracting(e -> ((TakedownException) e).kind()).isEqualTo(TakedownException.Kind.FORBIDDEN);
                assertThatThrownBy(() -> f.deconfliction.entries(outsider))
                        .extracting(e -> ((TakedownException) e).kind()).isEqualTo(TakedownException.Kind.FORBIDDEN);
            }
            assertThat(f.deconfliction.hits(f.deAnalyst)).hasSize(1);
        }
    }

    /** An action day with one NL target of a RED item and one of an AMBER item, both at HOST-IE. */
    private static ActionDay plannedWithRedAndAmber(OperationsFixture f) {
        long redCase = f.caseWith(f.nlAnalyst, Handling.RED, RED_URL);
        long amberCase = f.caseWith(f.nlAnalyst, Handling.AMBER, AMBER_URL);
        ActionDay day = f.planning.create(f.coordinator, "Op", f.clock.now.plus(Duration.ofHours(20)),
                List.of("NL-IRU"));
        f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(redCase, "HOST-IE", "r").emergency("now"));
        f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(amberCase, "HOST-IE", "r").emergency("now"));
        return day;
    }
}
