package io.takedown.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Handling;
import io.takedown.core.TakedownException;
import io.takedown.operations.board.Board;
import io.takedown.operations.deconfliction.Conflict;
import io.takedown.operations.deconfliction.Entry;
import io.takedown.operations.deconfliction.Hit;
import io.takedown.operations.deconfliction.Scope;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeconflictionTest {

    @TempDir
    Path dir;

    private static final String REASON = "Operation Birch: covert account in the outlet's channel";
    private static final String CONTACT = "desk 0000 0000";

    /**
     * For each handling code: what the coordinator and the targeting participant learn. Never the owner's
     * agency, reason or case; the contact point only as far as the code allows.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Handling.class)
    void conflicts_discloseOnlyWhatTheHandlingCodeAllows(Handling handling) {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            f.deconfliction.register(f.frApprover, Scope.DOMAIN, "Watched.TEST", REASON, CONTACT, handling);
            long nlCase = f.caseWith(f.nlAnalyst, Handling.GREEN, "http://cdn.watched.test/m/1.html",
                    "http://elsewhere.test/m/2.html");
            ActionDay day = f.planning.create(f.coordinator, "Op", f.clock.now.plus(Duration.ofHours(20)),
                    List.of("NL-IRU", "DE-CA"));
            var added = f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase, "HOST-IE", "r"));
            assertThat(added.conflicts()).hasSize(1);

            Conflict toCoordinator = f.boards.board(f.coordinator, day.id()).conflicts().getFirst();
            Conflict toParticipant = f.boards.board(f.nlApprover, day.id()).conflicts().getFirst();
            switch (handling) {
                case GREEN -> {
                    assertThat(toCoordinator.contact()).isEqualTo(CONTACT);
                    assertThat(toParticipant.contact()).isEqualTo(CONTACT);
                }
                case AMBER -> {
                    assertThat(toCoordinator.contact()).isEqualTo(CONTACT);
                    assertThat(toParticipant.contact()).contains("ask the coordinator EU-HUB");
                }
                case RED -> {
                    assertThat(toCoordinator.contact()).contains("will contact EU-HUB").doesNotContain(CONTACT);
                    assertThat(toParticipant.contact()).doesNotContain(CONTACT);
                }
            }
            for (Board board : List.of(f.boards.board(f.coordinator, day.id()), f.boards.board(f.nlApprover, day.id()))) {
                assertThat(board.toString()).doesNotContain("FR-CA").doesNotContain("Birch");
            }
            assertThat(f.planning.freeze(f.coordinator, day.id()).plan().orElseThrow().document())
                    .doesNotContain("FR-CA").doesNotContain("Birch");
            // Another agency cannot read or release the entry, and is not told it exists.
            assertThat(f.deconfliction.entries(f.deApprover)).isEmpty();
            assertThatThrownBy(() -> f.deconfliction.release(f.deApprover, toCoordinator.reference()))
                    .isInstanceOf(TakedownException.class).hasMessageContaining("no deconfliction entry");
            // The owner sees the hit with the action day and the coordinator, and its own entry in full.
            List<Hit> hits = f.deconfliction.hits(f.frApprover);
            assertThat(hits).singleElement().satisfies(h -> {
                assertThat(h.coordinator()).isEqualTo("EU-HUB");
                assertThat(h.targetUrl()).isEqualTo("http://cdn.watched.test/m/1.html");
                assertThat(h.entryValue()).isEqualTo("watched.test");
            });
            assertThat(f.deconfliction.entries(f.frApprover)).extracting(Entry::reason).containsExactly(REASON);
        }
    }

    @Test
    void release_byTheOwner_letsTheTargetFire_andAnUnreleasedOneStaysHeld() {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            f.deconfliction.register(f.deApprover, Scope.URL, "http://Outlet.test/a/1.html?utm_source=x", REASON,
                    CONTACT, Handling.AMBER);
            f.deconfliction.register(f.deApprover, Scope.URL, "http://outlet.test/a/2.html", REASON, CONTACT,
                    Handling.AMBER);
            long nlCase = f.caseWith(f.nlAnalyst, Handling.AMBER, "http://outlet.test/a/1.html",
                    "http://outlet.test/a/2.html", "http://outlet.test/a/3.html");
            ActionDay day = f.planning.create(f.coordinator, "Op", f.clock.now.plus(Duration.ofHours(20)),
                    List.of("NL-IRU"));
            var added = f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase, "HOST-IE", "r")
                    .emergency("urgent"));
            assertThat(added.conflicts()).hasSize(2);
            Hit first = f.deconfliction.hits(f.deApprover).getFirst();
            assertThatThrownBy(() -> f.deconfliction.release(f.deAnalyst, first.reference()))
                    .hasMessageContaining("may not");
            f.deconfliction.release(f.deApprover, first.reference());
            assertThatThrownBy(() -> f.deconfliction.release(f.deApprover, first.reference()))
                    .hasMessageContaining("already released");
            f.planning.freeze(f.coordinator, day.id());
            f.goNoGo.approve(f.nlApprover, day.id());
            f.clock.now = day.hHour();
            StrikeReport report = f.strike.strike(f.coordinator, day.id(), f.dispatcher(f.accepting()));
            assertThat(report.fired()).isEqualTo(2);
            assertThat(report.notFired()).containsEntry("held", 1);
            assertThat(f.boards.board(f.coordinator, day.id()).held()).singleElement()
                    .satisfies(l -> assertThat(l.reason()).contains("DC-2").contains("not released"));
        }
    }

    @Test
    void register_refusesProvidersAndBlankValues() {
        try (OperationsFixture f = new OperationsFixture(TestDatabases.fresh(dir).getFirst().open())) {
            var staff = f.directory.addUser(java.util.Optional.of(f.admin), "pia", "HOST-IE",
                    java.util.Set.of(io.takedown.access.Role.PROVIDER_STAFF));
            assertThatThrownBy(() -> f.deconfliction.register(staff, Scope.URL, "http://x.test/", REASON, CONTACT,
                    Handling.RED)).isInstanceOf(TakedownException.class);
            assertThatThrownBy(() -> f.deconfliction.register(f.deApprover, Scope.DOMAIN, " ", REASON, CONTACT,
                    Handling.RED)).hasMessageContaining("URL or a domain");
            assertThatThrownBy(() -> f.deconfliction.register(f.deApprover, Scope.URL, "http://x.test/", REASON, "",
                    Handling.RED)).hasMessageContaining("contact");
        }
    }
}
