package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Handling;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.Signer;
import io.takedown.core.TakedownException;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderWorkflowTest {

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void firstOrder_priorNotice_oneHourDeadline_execution_preservation(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            long item = f.item("https://reniva-courier.test/articles/0.html", Handling.AMBER);
            RemovalOrder order = f.orders.draft(f.analyst, item, "HOST-NL", "Art. 3 Regulation (EU) 2021/784",
                    "glorifies an attack (synthetic)", false, "en");
            assertThat(order.status()).isEqualTo(OrderStatus.DRAFT);
            assertThat(order.firstForProvider()).isTrue();
            assertThat(order.crossBorder()).isFalse();
            assertThatThrownBy(() -> f.orders.approve(f.analyst, order.id()))
                    .isInstanceOf(TakedownException.class).hasMessageContaining("may not approve");

            RemovalOrder approved = f.orders.approve(f.approver, order.id());
            assertThat(approved.earliestSendAt()).hasValue(f.clock.now.plus(Duration.ofHours(12)));
            assertThatThrownBy(() -> f.orders.send(f.approver, order.id(), Transmitter.NONE))
                    .hasMessageContaining("12-hour prior notice");

            f.clock.advance(Duration.ofHours(12));
            RemovalOrder sent = f.orders.send(f.approver, order.id(), Transmitter.NONE);
            assertThat(sent.status()).isEqualTo(OrderStatus.SENT);
            assertThat(sent.deadlineAt()).hasValue(sent.receivedAt().orElseThrow().plus(Duration.ofHours(1)));
            assertThat(Signer.verifyJws(f.signer.publicKey(), sent.signature().orElseThrow())).hasValue(sent.document());
            assertThat(OrderDocument.render(sent.document(), "de")).startsWith("ENTFERNUNGSANORDNUNG")
                    .contains("https://reniva-courier.test/articles/0.html");

            f.clock.advance(Duration.ofMinutes(40));
            RemovalOrder executed = f.orders.recordExecution(f.approver, order.id(), f.clock.now);
            assertThat(executed.executedInTime()).isTrue();
            assertThat(executed.preserveUntil()).hasValue(f.clock.now.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant());
            assertThatThrownBy(() -> f.orders.declareImpossible(f.approver, order.id(), Impossibility.FORCE_MAJEURE, "x"))
                    .hasMessageContaining("cannot suspend order " + order.id() + ": it is executed");
            RemovalOrder extended = f.orders.extendPreservation(f.approver, order.id(),
                    f.clock.now.plus(Duration.ofDays(400)), "court request (synthetic)");
            assertThat(extended.preserveUntil()).hasValue(f.clock.now.plus(Duration.ofDays(400)));
            assertThatThrownBy(() -> f.orders.withholdInformation(f.approver, order.id(), 13, "investigation"))
                    .hasMessageContaining("withheld");
            assertThat(f.orders.withholdInformation(f.approver, order.id(), 6, "investigation").informAfter())
                    .hasValue(f.clock.now.plus(Duration.ofDays(42)));
            assertThat(AuditVerifier.verify(f.database, f.signer.publicKey()).intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void emergency_impossibilitySuspends_crossBorderScrutinyCeases_overdueEscalates(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            long item = f.item("https://ostine-review.test/articles/3.html", Handling.RED);
            RemovalOrder order = f.orders.draft(f.analyst, item, "HOST-IE", "Art. 3", "instructs (synthetic)", true, "fr");
            assertThat(order.crossBorder()).isTrue();
            f.orders.approve(f.approver, order.id());
            RemovalOrder sent = f.orders.send(f.approver, order.id(), Transmitter.NONE);
            assertThat(sent.scrutinyDueAt()).hasValue(sent.receivedAt().orElseThrow().plus(Duration.ofHours(72)));

            f.clock.advance(Duration.ofMinutes(30));
            RemovalOrder suspended = f.orders.declareImpossible(f.providerStaff, order.id(),
                    Impossibility.MISSING_INFORMATION, "URL list incomplete");
            assertThat(suspended.status()).isEqualTo(OrderStatus.SUSPENDED);
            f.clock.advance(Duration.ofHours(5));
            assertThat(f.orders.escalateOverdue("deadline-watch")).isEmpty();
            RemovalOrder resumed = f.orders.resume(f.approver, order.id(), "URL list completed");
            assertThat(resumed.deadlineAt()).hasValue(f.clock.now.plus(Duration.ofHours(1)));

            f.clock.advance(Duration.ofMinutes(61));
            assertThat(resumed.overdueAt(f.clock.now)).isTrue();
            assertThat(f.orders.escalateOverdue("deadline-watch")).extracting(RemovalOrder::id).containsExactly(order.id());
            assertThat(f.orders.escalateOverdue("deadline-watch")).as("escalates once").isEmpty();

            RemovalOrder ceased = f.orders.recordScrutiny(f.approver, order.id(), true, "fundamental rights (synthetic)");
            assertThat(ceased.status()).isEqualTo(OrderStatus.CEASED);
            assertThatThrownBy(() -> f.orders.recordExecution(f.approver, order.id(), f.clock.now))
                    .isInstanceOf(TakedownException.class)
                    .hasMessage("cannot execute order " + order.id() + ": it is ceased (allowed from [sent])");
            assertThat(f.orders.history(f.approver, order.id())).extracting(OrderService.Event::kind)
                    .containsExactly("drafted", "approve", "send", "suspend", "resume", "overdue", "record");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void handlingCodesLimitWhoSeesWhat_andDeconflictionShowsTheFactNotTheDetails(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            long red = f.item("https://tamiva-chronicle.test/articles/1.html", Handling.RED);
            long amber = f.item("https://tamiva-chronicle.test/articles/2.html", Handling.AMBER);
            assertThat(f.cases.viewItem(f.coordinator, amber).id()).isEqualTo(amber);
            assertThatThrownBy(() -> f.cases.viewItem(f.coordinator, red)).hasMessageContaining("RED");
            assertThatThrownBy(() -> f.cases.viewItem(f.otherAnalyst, amber)).hasMessageContaining("AMBER");
            f.referrals.create(f.analyst, red, "HOST-NL");
            var prior = f.cases.priorActions(f.otherAnalyst, "HTTPS://TAMIVA-CHRONICLE.test/articles/1.html?utm_source=x");
            assertThat(prior).hasSize(1);
            assertThat(prior.getFirst().restricted()).isTrue();
            assertThat(prior.getFirst().agency()).isEqualTo("another agency");
            assertThat(f.cases.priorActions(f.analyst, "https://tamiva-chronicle.test/articles/1.html").getFirst().agency())
                    .isEqualTo("NL-IRU");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void transparencyReportCountsTheYear(TestDatabases.Target target) {
        try (LegalFixture f = new LegalFixture(target.open())) {
            for (int i = 0; i < 3; i++) {
                long item = f.item("https://reniva-courier.test/articles/" + i + ".html", Handling.GREEN);
                RemovalOrder order = f.orders.draft(f.analyst, item, "HOST-NL", "Art. 3", "synthetic", true, "en");
                f.orders.approve(f.approver, order.id());
                f.orders.send(f.approver, order.id(), Transmitter.NONE);
                f.clock.advance(Duration.ofMinutes(i == 2 ? 90 : 20));
                f.orders.recordExecution(f.approver, order.id(), f.clock.now);
            }
            long referralItem = f.item("https://reniva-courier.test/articles/9.html", Handling.GREEN);
            long referral = f.referrals.create(f.analyst, referralItem, "HOST-NL").id();
            f.referrals.send(f.approver, referral);
            f.referrals.recordOutcome(f.approver, referral, "removed");
            TransparencyReport report = TransparencyReport.forYear(f.database, f.auditor, 2026);
            assertThat(report.csv()).contains("orders issued,3").contains("executed within one hour of receipt,2")
                    .contains("Referrals by NL-IRU,removed,1");
            assertThat(report.html()).contains("<h1>Transparency report 2026 - NL-IRU</h1>");
            assertThat(TransparencyReport.forYear(f.database, f.auditor, 2025).csv()).contains("orders issued,0");
        }
    }
}
