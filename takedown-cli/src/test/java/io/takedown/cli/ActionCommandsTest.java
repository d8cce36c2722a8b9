package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionCommandsTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(List.of("--home", home.toString()), args);
    }

    private CliRun ok(String... args) {
        CliRun result = run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.out() + result.err()).isZero();
        return result;
    }

    @Test
    void actionDay_onTheCommandLine_planDeconflictApproveStrikeBoardReport() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"))).start()) {
            Outlet outlet = world.outlets().getFirst();
            String provider = outlet.providers().getFirst();
            ok("directory", "agency", "EU-HUB", "--name", "hub", "--country", "NL", "--kind", "coordinator");
            ok("directory", "user", "admin", "--agency", "EU-HUB", "--role", "admin");
            ok("--as", "admin", "directory", "user", "cora", "--agency", "EU-HUB", "--role", "coordinator");
            for (String[] a : new String[][] {{"NL-IRU", "NL", "nl"}, {"DE-CA", "DE", "de"}}) {
                ok("--as", "admin", "directory", "agency", a[0], "--name", "authority", "--country", a[1], "--kind",
                        "competent_authority");
                ok("--as", "admin", "directory", "user", a[2] + "-ana", "--agency", a[0], "--role", "analyst");
                ok("--as", "admin", "directory", "user", a[2] + "-bert", "--agency", a[0], "--role", "approver");
            }
            ok("--as", "admin", "directory", "agency", "HOST", "--name", "range host", "--country", "IE", "--kind",
                    "provider", "--endpoint", range.tlsNoticeEndpoint(provider).toString());
            // Delivery trusts only the authorities in DATA_DIR/trust: here the range's.
            Files.createDirectories(home.resolve("trust"));
            Files.writeString(home.resolve("trust/range-ca.pem"), range.ca().certificatePem());
            // The providers check orders against each authority's published key: here, its key in this data directory.
            range.issuerKeys().trustDirectory(home);
            ok("--as", "nl-ana", "case", "create", "--title", "outlet o00");
            ok("--as", "nl-ana", "case", "add-item", "1", world.article(outlet, 0).url());
            ok("--as", "nl-ana", "case", "add-item", "1", world.article(outlet, 1).url());
            ok("--as", "de-bert", "deconflict", "register", "--url", world.article(outlet, 1).url(), "--reason",
                    "secret operation", "--contact", "desk 0000", "--handling", "amber");

            // Far enough ahead that the steps before the first strike attempt finish first, even on a loaded machine.
            Instant hHour = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
            assertThat(run("--as", "nl-ana", "action", "create", "x", "--h-hour", hHour.toString(), "--agency",
                    "NL-IRU").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
            assertThat(ok("--as", "cora", "action", "create", "Operation CLI", "--h-hour", hHour.toString(), "--agency",
                    "NL-IRU,DE-CA").out()).contains("action day 1 planned");
            assertThat(ok("--as", "nl-ana", "action", "add-targets", "1", "--case", "1", "--provider", "HOST",
                    "--emergency", "attack announced for tonight").out())
                    .contains("2 target(s) added").contains("held by deconfliction DC-1: ask the coordinator");
            assertThat(ok("--as", "de-bert", "deconflict", "hits").out()).contains("DC-1").contains("held");
            assertThat(ok("--as", "cora", "action", "status", "1").out()).contains("desk 0000")
                    .doesNotContain("secret operation");
            ok("--as", "cora", "action", "freeze", "1");
            assertThat(run("--as", "nl-ana", "action", "approve", "1").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
            assertThat(ok("--as", "nl-bert", "action", "approve", "1").out()).contains("2 order(s) approved");
            assertThat(run("--as", "cora", "action", "strike", "1").exitCode()).isEqualTo(ExitCodes.CONFLICT);
            CliRun strike = ok("--as", "cora", "action", "strike", "1", "--wait");
            assertThat(strike.out()).contains("fired 1, acknowledged 1, queued 0, failed 0, not fired 1").contains("held");
            assertThat(range.notices().values()).singleElement().satisfies(n -> assertThat(n.url())
                    .isEqualTo(world.article(outlet, 0).url()));

            CliRun board = ok("--as", "cora", "action", "board", "1", "--watch", "1", "--times", "2");
            assertThat(board.out()).contains("part NL-IRU").contains("HOST").contains("IE").contains("held: target 2");
            assertThat(ok("--as", "cora", "action", "list").out()).contains("Operation CLI").contains("struck");
            CliRun report = ok("--as", "cora", "action", "report", "1", "--out", home.resolve("reports").toString());
            assertThat(report.out()).contains("2 targets: 1 sent").contains("no observation source");
            assertThat(Files.readString(home.resolve("reports/after-action-1.html"))).contains("<svg");
            assertThat(run("--as", "de-ana", "action", "board", "1").out()).doesNotContain("HOST ");
        }
    }
}
