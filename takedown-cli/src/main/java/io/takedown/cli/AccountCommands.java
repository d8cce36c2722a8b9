package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.server.accounts.Accounts;
import io.takedown.server.accounts.PasswordHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Signing in to the server: passwords and API tokens of directory users. */
final class AccountCommands {

    private AccountCommands() {
    }

    @Command(name = "account", description = "Passwords and API tokens of directory users (for the server).",
            subcommands = {Password.class, Token.class})
    static final class AccountCommand extends LegalCommands.Group {
    }

    static Accounts accounts(Takedown w) {
        return new Accounts(w.database(), w.directory(), w.audit(), w.clock(), PasswordHasher.DEFAULT);
    }

    @Command(name = "password", description = "Set a user's console password, read from standard input "
            + "(an administrator with --as sets anyone's; without --as only a first password).")
    static final class Password extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Override
        int run(Takedown w) {
            String password;
            try {
                password = System.console() != null
                        ? new String(System.console().readPassword("New password for %s: ", user))
                        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.IO,
                        "cannot read the password: " + e.getMessage(), e);
            }
            if (password == null) {
                throw new io.takedown.core.InvalidInputException(null, "no password given on standard input");
            }
            Optional<io.takedown.access.Actor> by = root().actorGiven() ? Optional.of(actor(w)) : Optional.empty();
            accounts(w).setPassword(by, user, password.toCharArray());
            out().println("password set for " + user);
            return ExitCodes.OK;
        }
    }

    @Command(name = "token", description = "Issue an API token for a user; the secret is printed once.")
    static final class Token extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Option(names = "--name", required = true, description = "What the token is for, e.g. \"hma-client\".")
        String name;

        @Override
        int run(Takedown w) {
            Accounts accounts = accounts(w);
            Accounts.IssuedToken issued = root().actorGiven() ? accounts.issueToken(actor(w), user, name)
                    : accounts.issueTokenAsOperator(user, name);
            out().println(issued.secret());
            return ExitCodes.OK;
        }
    }
}
