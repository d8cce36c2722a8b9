package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.infra.resurfacing.ContentCapture;
import io.takedown.infra.resurfacing.ContentMatcher;
import io.takedown.infra.resurfacing.ResurfacingWatch;
import io.takedown.orders.OutboxMessage;
import io.takedown.signals.Signal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resurfacing alerts name the URL an order removed: they are shown only to whom the order workflow shows
 * the order (its issuer, the provider, the host state, other authorities as the item's handling code
 * allows), never to everyone who can run the command.
 */
class InfraResurfacingAccessTest {

    @TempDir
    Path home;

    private static final String RED_URL = "http://outlet-one.test/articles/red-7.html";
    private static final String SHA = "ab".repeat(32);

    @Test
    void listAndStats_showAnotherAgencysRedRemovalToNobodyElse() {
        try (Takedown platform = Takedown.open(TakedownConfig.embedded(home))) {
            var directory = platform.directory();
            directory.addAgency(Optional.empty(), "NL-IRU", "Dutch unit (fictional)", "NL",
                    AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
            Actor admin = directory.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
            directory.addAgency(Optional.of(admin), "DE-CA", "German authority (fictional)", "DE",
                    AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
            directory.addAgency(Optional.of(admin), "HOST", "Provider (fictional)", "NL", AgencyKind.PROVIDER,
                    Optional.empty());
            Actor ana = directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
            Actor bert = directory.addUser(Optional.of(admin), "bert", "NL-IRU", Set.of(Role.APPROVER));
            directory.addUser(Optional.of(admin), "dieter", "DE-CA", Set.of(Role.ANALYST));
            Actor pia = directory.addUser(Optional.of(admin), "pia", "HOST", Set.of(Role.PROVIDER_STAFF));

            long caseId = platform.cases().createCase(ana, "outlet o01", Handling.RED, false).id();
            long item = platform.cases().addItem(ana, caseId, RED_URL, Optional.of("warc:1"), Map.of("sha256", SHA),
                    List.of("entity:o01"), Handling.RED).id();
            long order = platform.orders().draft(ana, item, "HOST", "Art. 3", "synthetic", true, "en").id();
            platform.orders().approve(bert, order);
            platform.orders().send(bert, order);
            platform.orders().recordReceipt(bert, order, OutboxMessage.Kind.ORDER, Instant.now());
            platform.orders().recordExecution(pia, order, Instant.now());

            ResurfacingWatch watch = platform.resurfacingWatch();
            assertThat(platform.removalIntake().trackExecuted(ana, watch)).isEqualTo(1);
            // Banks are shared with every matcher (providers and NGOs too): the removed-content bank holds the
            // signals and the order, not the URL the order removed.
            assertThat(platform.banks().entries(ResurfacingWatch.BANK, true)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.toString()).doesNotContain("red-7"));
            Signal signal = Signal.of("sha256", SHA);
            ContentMatcher exact = signals -> List.of(new ContentMatcher.Hit(ResurfacingWatch.BANK, 1, signal, 0));
            assertThat(watch.check(List.of(new ContentCapture("http://mirror.test/back.html", "mirror.test",
                    Optional.empty(), Instant.now().plusSeconds(60), List.of(signal))), exact)).hasSize(1);
        }
        List<String> at = List.of("--home", home.toString());

        CliRun toOwner = CliRun.run(at, "--as", "ana", "infra", "resurfacing", "list", "--format", "csv");
        assertThat(toOwner.exitCode()).as(toOwner.err()).isZero();
        assertThat(toOwner.out()).contains(RED_URL).contains("mirror.test");

        CliRun toOther = CliRun.run(at, "--as", "dieter", "infra", "resurfacing", "list", "--format", "csv");
        assertThat(toOther.exitCode()).as(toOther.err()).isZero();
        assertThat(toOther.lines()).hasSize(1); // the header only
        CliRun statsToOther = CliRun.run(at, "--as", "dieter", "infra", "resurfacing", "stats");
        assertThat(statsToOther.exitCode()).as(statsToOther.err()).isZero();
        assertThat(statsToOther.out()).doesNotContain("o01").doesNotContain("HOST");
        assertThat(CliRun.run(at, "--as", "ana", "infra", "resurfacing", "stats").out()).contains("o01");
    }
}
