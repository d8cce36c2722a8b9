package io.takedown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code takedown serve} options and {@code takedown account}: tokens for the server, from the command line. */
class ServeCommandTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(List.of("--home", home.toString()), args);
    }

    @Test
    void accountToken_printsASecretOnce_andServeRefusesABadConfig() throws Exception {
        assertThat(run("directory", "agency", "NL-IRU", "--name", "IRU", "--country", "NL", "--kind",
                "competent_authority").exitCode()).isZero();
        assertThat(run("directory", "user", "admin", "--agency", "NL-IRU", "--role", "admin").exitCode()).isZero();
        assertThat(run("--as", "admin", "directory", "user", "ana", "--agency", "NL-IRU", "--role", "analyst")
                .exitCode()).isZero();
        CliRun token = run("--as", "admin", "account", "token", "ana", "--name", "hma-client");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(token.out().strip()).startsWith("tdk_");
        assertThat(run("--as", "ana", "account", "token", "admin", "--name", "stolen").exitCode())
                .isEqualTo(ExitCodes.FORBIDDEN);

        Path config = home.resolve("bad.properties");
        Files.writeString(config, "server.port = not-a-port\n");
        CliRun serve = run("serve", "--config", config.toString());
        assertThat(serve.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(serve.err()).contains("server.port");
        assertThat(run("serve", "--config", home.resolve("missing.properties").toString()).exitCode())
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run("serve", "--help").exitCode()).isZero();
    }
}
