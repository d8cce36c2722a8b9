package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Handling;
import io.takedown.audit.AuditVerifier;
import io.takedown.core.TakedownException;
import io.takedown.orders.OutboxMessage.Kind;
import io.takedown.orders.OutboxMessage.State;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The workflow end to end on both databases, with an in-memory recipient acknowledging deliveries. */
class OrderWorkflowTest {

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void firstOrder_twelveHoursRunFromTheNoticesReceipt_theHourFromTheOrdersReceipt(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            long item = f.item("https://reniva-courier.test/articles/0.html", Handling.AMBER);
            RemovalOrder order = f.orders.draft(f.analyst, item, "HOST-NL", "Art. 3 Regulation (EU) 2021/784",
                    "glorifies an attack (synthetic)", false, "en");
            assertThat(order.firstForProvider()).isTrue();
            assertThatThrownBy(() -> f.orders.approve(f.analyst, order.id())).isInstanceOf(TakedownException.class)
                    .hasMessageContaining("may not approve");
            f.orders.approve(f.approver, order.id());
            assertThatThrownBy(() -> f.orders.send(f.approver, order.id()))
                    .hasMessageContaining("has not yet received the procedures");

            f.clock.advance(Duration.ofHours(1)); // the notice reaches the provider an hour after approval
            f.delivery.deliverPending(100);
            RemovalOrder noticed = f.orders.get(f.approver, order.id());
            assertThat(noticed.proceduresReceivedAt()).hasValue(f.clock.now);
            assertThat(noticed.earliestSendAt()).hasValue(f.clock.now.plus(Duration.ofHours(12)));
            f.clock.advance(Duration.ofHours(11));
            assertThatThrownBy(() -> f.orders.send(f.approver, order.id())).hasMessageContaining("12-hour prior notice");
            f.clock.advance(Duration.ofHours(1));

            RemovalOrder queued = f.orders.send(f.approver, order.id());
            assertThat(queued.status()).isEqualTo(OrderStatus.QUEUED);
            assertThat(queued.deadlineAt()).as("no hour before receipt").isEmpty();
            f.clock.advance(Duration.ofMinutes(3));
            f.delivery.deliver(order.id());
            RemovalOrder sent = f.orders.get(f.approver, order.id());
            assertThat(sent.status()).isEqualTo(OrderStatus.SENT);
            assertThat(sent.receivedAt()).hasValue(f.clock.now);
            assertThat(sent.deadlineAt()).hasValue(f.clock.now.plus(Duration.ofHours(1)));
            String payload = OrderJws.verify(sent.signature().orElseThrow(), OrderJws.ORDER,
                    kid -> kid.equals(f.signer.keyId()) ? java.util.Optional.of(f.signer.publicKey()) : java.util.Optional.empty());
            assertThat(payload).isEqualTo(sent.document()).contains("https://reniva-courier.test/articles/0.html");

            f.clock.advance(Duration.ofMinutes(40));
            assertThatThrownBy(() -> f.orders.recordExecution(f.approver, order.id(), f.clock.now))
                    .as("feedback is the addressee's").hasMessageContaining("may not record feedback");
            RemovalOrder executed = f.orders.recordExecution(f.hostNlStaff, order.id(), f.clock.now);
            assertThat(executed.executedInTime()).isTrue();
            assertThat(executed.preserveUntil()).hasValue(f.clock.now.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant());
            RemovalOrder extended = f.orders.extendPreservation(f.approver, order.id(),
                    f.clock.now.plus(Duration.ofDays(400)), "court request (synthetic)");
            assertThat(extended.preserveUntil()).hasValue(f.clock.now.plus(Duration.ofDays(400)));
            assertThat(AuditVerifier.verify(f.database, f.signer.publicKey()).intact()).isTrue();
            assertThat(f.orders.history(f.approver, order.id())).extracting(OrderService.Event::kind).containsExactly(
                    "drafted", "approved", "procedures-received", "queued", "received", "executed", "preservation-extended");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void crossBorder_copyReachesTheHostState_whichAloneScrutinises(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            RemovalOrder sent = f.received("https://ostine-review.test/articles/3.html", Handling.RED, "HOST-IE");
            assertThat(sent.crossBorder()).isTrue();
            assertThat(f.transport.received).extracting(r -> r.endpoint().getPath())
                    .containsExactlyInAnyOrder("/.well-known/takedown/notice", "/authority/IE/orders");
            assertThat(sent.copyReceivedAt()).hasValue(f.clock.now);
            assertThat(sent.scrutinyDueAt()).hasValue(f.clock.now.plus(Duration.ofHours(72)));
            assertThatThrownBy(() -> f.orders.recordScrutiny(f.approver, sent.id(), false, "fine"))
                    .as("the issuer does not scrutinise its own order").isInstanceOf(TakedownException.class)
                    .extracting(e -> ((TakedownException) e).kind()).isEqualTo(TakedownException.Kind.FORBIDDEN);
            RemovalOrder ceased = f.orders.recordScrutiny(f.hostAuthority, sent.id(), true, "fundamental rights (synthetic)");
            assertThat(ceased.status()).isEqualTo(OrderStatus.CEASED);
            assertThatThrownBy(() -> f.orders.recordScrutiny(f.hostAuthority, sent.id(), false, "again"))
                    .isInstanceOf(TakedownException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void contest_doesNotSuspendTheDutyToRemove(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            RemovalOrder sent = f.received("https://reniva-courier.test/articles/5.html", Handling.GREEN, "HOST-NL");
            assertThatThrownBy(() -> f.orders.contest(f.approver, sent.id(), "we disagree"))
                    .as("the issuer cannot contest its own order").hasMessageContaining("may not contest order");
            RemovalOrder contested = f.orders.contest(f.hostNlStaff, sent.id(), "not terrorist content (synthetic)");
            assertThat(contested.status()).isEqualTo(OrderStatus.SENT);
            assertThat(contested.contestedAt()).isPresent();
            f.clock.advance(Duration.ofMinutes(61));
            assertThat(f.orders.escalateOverdue("watch")).extracting(RemovalOrder::id).containsExactly(sent.id());
            assertThat(f.orders.recordExecution(f.hostNlStaff, sent.id(), f.clock.now).status())
                    .isEqualTo(OrderStatus.EXECUTED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void withholding_sixWeeksFromTheDecision_thenOneExtension(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            RemovalOrder sent = f.received("https://reniva-courier.test/articles/6.html", Handling.GREEN, "HOST-NL");
            f.clock.advance(Duration.ofMinutes(20));
            f.orders.recordExecution(f.hostNlStaff, sent.id(), f.clock.now.minus(Duration.ofMinutes(5)));
            f.clock.advance(Duration.ofDays(3));
            assertThatThrownBy(() -> f.orders.withholdInformation(f.approver, sent.id(), 7, "investigation"))
                    .hasMessageContaining("1-6 weeks");
            RemovalOrder withheld = f.orders.withholdInformation(f.approver, sent.id(), 6, "investigation");
            assertThat(withheld.informAfter()).hasValue(f.clock.now.plus(Duration.ofDays(42)));
            assertThatThrownBy(() -> f.orders.withholdInformation(f.approver, sent.id(), 2, "again"))
                    .hasMessageContaining("extended once");
            assertThatThrownBy(() -> f.orders.extendWithholding(f.approver, sent.id(), 7, "more"))
                    .hasMessageContaining("1-6 weeks");
            RemovalOrder extended = f.orders.extendWithholding(f.approver, sent.id(), 6, "still needed");
            assertThat(extended.informAfter()).hasValue(f.clock.now.plus(Duration.ofDays(84)));
            assertThatThrownBy(() -> f.orders.extendWithholding(f.approver, sent.id(), 1, "third"))
                    .hasMessageContaining("already extended once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void annexIII_lateAnswerKeepsTheOrderOverdue_inTimeAnswerRestartsTheHourAndReArmsEscalation(
            TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            RemovalOrder late = f.received("https://reniva-courier.test/articles/7.html", Handling.GREEN, "HOST-NL");
            f.clock.advance(Duration.ofMinutes(70));
            RemovalOrder suspendedLate = f.orders.declareImpossible(f.hostNlStaff, late.id(),
                    Impossibility.MISSING_INFORMATION, "URL list incomplete");
            assertThat(suspendedLate.overdueAt(f.clock.now)).as("a late Annex III does not clear overdue").isTrue();
            assertThat(f.orders.escalateOverdue("watch")).extracting(RemovalOrder::id).containsExactly(late.id());
            RemovalOrder resumedLate = f.orders.resume(f.approver, late.id(), "list completed");
            assertThat(resumedLate.deadlineAt()).as("no fresh hour").isEqualTo(late.deadlineAt());
            assertThat(resumedLate.overdueAt(f.clock.now)).isTrue();

            RemovalOrder inTime = f.received("https://reniva-courier.test/articles/8.html", Handling.GREEN, "HOST-NL");
            f.clock.advance(Duration.ofMinutes(61));
            assertThat(f.orders.escalateOverdue("watch")).extracting(RemovalOrder::id).containsExactly(inTime.id());
            // A fresh order suspended in time, resumed: the hour restarts and escalation is possible again.
            RemovalOrder third = f.received("https://reniva-courier.test/articles/9.html", Handling.GREEN, "HOST-NL");
            f.clock.advance(Duration.ofMinutes(30));
            f.orders.declareImpossible(f.hostNlStaff, third.id(), Impossibility.MANIFEST_ERROR, "wrong URL");
            f.clock.advance(Duration.ofHours(5));
            assertThat(f.orders.escalateOverdue("watch")).isEmpty();
            RemovalOrder resumed = f.orders.resume(f.approver, third.id(), "URL corrected");
            assertThat(resumed.deadlineAt()).hasValue(f.clock.now.plus(Duration.ofHours(1)));
            assertThat(resumed.escalatedAt()).isEmpty();
            f.clock.advance(Duration.ofMinutes(61));
            assertThat(f.orders.escalateOverdue("watch")).extracting(RemovalOrder::id).containsExactly(third.id());
            assertThat(f.orders.escalateOverdue("watch")).as("once per deadline").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void forceMajeure_endsWhenTheProviderReportsItCeased_andLongSuspensionsAreFlagged(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            RemovalOrder sent = f.received("https://reniva-courier.test/articles/10.html", Handling.GREEN, "HOST-NL");
            f.clock.advance(Duration.ofMinutes(10));
            f.orders.declareImpossible(f.hostNlStaff, sent.id(), Impossibility.FORCE_MAJEURE, "data centre flooded");
            assertThatThrownBy(() -> f.orders.resume(f.approver, sent.id(), "go")).hasMessageContaining("force majeure");
            f.clock.advance(Duration.ofHours(49));
            assertThat(f.orders.flagLongSuspended("watch")).extracting(RemovalOrder::id).containsExactly(sent.id());
            assertThat(f.orders.flagLongSuspended("watch")).isEmpty();
            RemovalOrder resumed = f.orders.reportReasonsCeased(f.hostNlStaff, sent.id(), "power back");
            assertThat(resumed.status()).isEqualTo(OrderStatus.SENT);
            assertThat(resumed.deadlineAt()).hasValue(f.clock.now.plus(Duration.ofHours(1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void recordExecution_refusesARemovalBeforeReceiptOrInTheFuture(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            RemovalOrder sent = f.received("https://reniva-courier.test/articles/11.html", Handling.GREEN, "HOST-NL");
            f.clock.advance(Duration.ofMinutes(10));
            assertThatThrownBy(() -> f.orders.recordExecution(f.hostNlStaff, sent.id(), sent.receivedAt().orElseThrow()
                    .minusSeconds(1))).hasMessageContaining("would precede");
            assertThatThrownBy(() -> f.orders.recordExecution(f.hostNlStaff, sent.id(), f.clock.now.plusSeconds(1)))
                    .hasMessageContaining("future");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void delivery_onlyA2xxIsReceipt_failuresRetryWithBackoff_outOfBandWaitsForARecordedReceipt(
            TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            f.transport.answer = r -> new io.takedown.orders.delivery.Transport.Response(503, "busy");
            long item = f.item("https://reniva-courier.test/articles/12.html", Handling.GREEN);
            long id = f.orders.draft(f.analyst, item, "HOST-NL", "Art. 3", "synthetic", true, "en").id();
            f.orders.approve(f.approver, id);
            f.orders.send(f.approver, id);
            assertThat(f.delivery.deliver(id).retrying()).isEqualTo(1);
            assertThat(f.orders.get(f.approver, id).status()).as("HTTP 503 is no receipt").isEqualTo(OrderStatus.QUEUED);
            assertThat(f.delivery.deliver(id).claimed()).as("backoff: not due yet").isZero();
            f.clock.advance(Duration.ofSeconds(10));
            f.transport.answer = r -> new io.takedown.orders.delivery.Transport.Response(202, "{\"received_at\":\""
                    + f.clock.now.minusSeconds(1) + "\"}");
            assertThat(f.delivery.deliver(id).delivered()).isEqualTo(1);
            RemovalOrder received = f.orders.get(f.approver, id);
            assertThat(received.receivedAt()).as("receipt stated in the acknowledgement").hasValue(f.clock.now.minusSeconds(1));
            assertThat(f.transport.perKey.values()).allMatch(n -> n.get() == 2);

            f.directory.setEndpoint(f.admin, "HOST-NL", java.util.Optional.empty());
            long other = f.orders.draft(f.analyst, f.item("https://reniva-courier.test/articles/13.html", Handling.GREEN),
                    "HOST-NL", "Art. 3", "synthetic", true, "en").id();
            f.orders.approve(f.approver, other);
            f.orders.send(f.approver, other);
            assertThat(f.delivery.deliver(other).claimed()).isZero();
            assertThat(f.orders.deliveries(f.approver, other)).extracting(OutboxMessage::state)
                    .containsExactly(State.OUT_OF_BAND);
            assertThat(f.orders.get(f.approver, other).status()).isEqualTo(OrderStatus.QUEUED);
            f.clock.advance(Duration.ofMinutes(5));
            assertThatThrownBy(() -> f.orders.recordReceipt(f.approver, other, Kind.ORDER, f.clock.now.plusSeconds(5)))
                    .hasMessageContaining("future");
            RemovalOrder byHand = f.orders.recordReceipt(f.approver, other, Kind.ORDER, f.clock.now.minusSeconds(60));
            assertThat(byHand.deadlineAt()).hasValue(f.clock.now.minusSeconds(60).plus(Duration.ofHours(1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void delivery_givesUpAfterItsAttempts_andOnA4xx(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            f.transport.answer = r -> new io.takedown.orders.delivery.Transport.Response(400, "bad request");
            RemovalOrder order = f.received("https://reniva-courier.test/articles/14.html", Handling.GREEN, "HOST-NL");
            assertThat(order.status()).isEqualTo(OrderStatus.QUEUED);
            assertThat(f.orders.deliveries(f.approver, order.id())).extracting(OutboxMessage::state)
                    .containsExactly(State.FAILED);
            assertThat(f.orders.history(f.approver, order.id())).extracting(OrderService.Event::kind)
                    .contains("delivery-failed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void crossBorder_withoutAHostAuthorityInTheDirectory_theCopyWaitsOutOfBand(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            f.directory.addAgency(java.util.Optional.of(f.admin), "HOST-FR", "Orane Net", "FR",
                    io.takedown.access.AgencyKind.PROVIDER, java.util.Optional.of(LegalFixture.ENDPOINT));
            RemovalOrder sent = f.received("https://reniva-courier.test/articles/15.html", Handling.GREEN, "HOST-FR");
            assertThat(sent.status()).isEqualTo(OrderStatus.SENT);
            assertThat(f.orders.deliveries(f.approver, sent.id()))
                    .filteredOn(m -> m.kind() == Kind.SCRUTINY_COPY).singleElement()
                    .satisfies(m -> {
                        assertThat(m.state()).isEqualTo(State.OUT_OF_BAND);
                        assertThat(m.recipient()).isEmpty();
                    });
            assertThat(sent.scrutinyDueAt()).as("the 72 hours wait for the copy's receipt").isEmpty();
        }
    }
}
