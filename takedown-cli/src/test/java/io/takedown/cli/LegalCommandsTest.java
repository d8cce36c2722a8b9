package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegalCommandsTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(java.util.List.of("--home", home.toString()), args);
    }

    @Test
    void orderToARangeProvider_endToEnd_thenTamperingIsDetected() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"))).start()) {
            Outlet outlet = world.outlets().getFirst();
            String provider = outlet.providers().getFirst();
            String url = world.article(outlet, 0).url();
            assertThat(run("directory", "agency", "NL-IRU", "--name", "unit", "--country", "NL", "--kind",
                    "competent_authority").exitCode()).isZero();
            assertThat(run("directory", "user", "admin", "--agency", "NL-IRU", "--role", "admin").exitCode()).isZero();
            assertThat(run("--as", "admin", "directory", "agency", "HOST", "--name", "range host", "--country", "NL",
                    "--kind", "provider", "--endpoint", range.tlsNoticeEndpoint(provider).toString()).exitCode()).isZero();
            // Delivery trusts only the authorities in DATA_DIR/trust: here the range's.
            java.nio.file.Files.createDirectories(home.resolve("trust"));
            java.nio.file.Files.writeString(home.resolve("trust/range-ca.pem"), range.ca().certificatePem());
            // The providers check orders against each authority's published key: here, its key in this data directory.
            range.issuerKeys().trustDirectory(home);
            run("--as", "admin", "directory", "user", "ana", "--agency", "NL-IRU", "--role", "analyst");
            run("--as", "admin", "directory", "user", "bert", "--agency", "NL-IRU", "--role", "approver,auditor");
            run("--as", "admin", "directory", "user", "pia", "--agency", "HOST", "--role", "provider_staff");
            assertThat(run("--as", "admin", "directory", "user", "mallory", "--agency", "HOST", "--role", "approver")
                    .exitCode()).as("providers hold no approvers").isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run("directory", "agency", "X-1", "--name", "x", "--country", "NL", "--kind", "ngo").exitCode())
                    .as("only admins change a set-up directory").isEqualTo(ExitCodes.FORBIDDEN);

            run("--as", "ana", "case", "create", "--title", "outlet o00");
            assertThat(run("--as", "ana", "case", "add-item", "1", url).out()).contains("item 1 added");
            assertThat(run("--as", "ana", "order", "draft", "1", "--provider", "HOST", "--reasons", "synthetic",
                    "--emergency").exitCode()).isZero();
            assertThat(run("--as", "ana", "order", "approve", "1").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
            assertThat(run("--as", "bert", "order", "approve", "1").exitCode()).isZero();
            CliRun sent = run("--as", "bert", "order", "send", "1");
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("order 1 received by HOST");
            assertThat(range.notices().values()).anyMatch(n -> n.url().equals(url) && n.kind().equals("order"));
            assertThat(range.deliveriesPerKey()).hasSize(1).containsValue(1);
            assertThat(run("--as", "bert", "order", "show", "1").out()).contains("REMOVAL ORDER")
                    .contains("delivery order").contains("HTTP 202");
            assertThat(run("--as", "bert", "order", "feedback", "1").exitCode()).as("feedback is the provider's")
                    .isEqualTo(ExitCodes.FORBIDDEN);
            assertThat(run("--as", "pia", "order", "feedback", "1").exitCode()).isZero();
            assertThat(run("--as", "pia", "order", "feedback", "1").exitCode()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(run("--as", "pia", "case", "prior", url).exitCode()).as("providers do not deconflict")
                    .isEqualTo(ExitCodes.FORBIDDEN);
            assertThat(run("--as", "bert", "report", "transparency", "--year", "2026").out())
                    .contains("executed within one hour of receipt,1");
            assertThat(run("--as", "bert", "case", "prior", url).out()).contains("prior order #1 by NL-IRU");

            CliRun intact = run("--as", "bert", "audit", "verify");
            assertThat(intact.exitCode()).isZero();
            assertThat(intact.out()).contains("audit trail intact");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("takedown.db"));
                 Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 7");
            }
            CliRun tampered = run("--as", "bert", "audit", "verify");
            assertThat(tampered.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(tampered.out()).contains("TAMPERED").contains("entry 7: altered");
        }
    }
}
