package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.audit.witness.Witness;
import io.takedown.audit.witness.WitnessHome;
import io.takedown.audit.witness.WitnessServer;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A witness (C2SP tlog-witness) run by a partner agency, in its own data directory, and the log's side:
 * which witnesses the log asks and asking them.
 */
final class WitnessCommands {

    private WitnessCommands() {
    }

    @Command(name = "witness", description = "Run a witness that cosigns other Takedown logs' checkpoints.",
            subcommands = {Init.class, Trust.class, Serve.class})
    static final class WitnessCommand {
        @ParentCommand
        TakedownCommand root;
    }

    abstract static class WitnessBase implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        WitnessCommand parent;

        WitnessHome home() {
            return new WitnessHome(parent.root.home().resolve("witness"));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "init", description = "Create the witness's cosigning key; prints its verifier key.")
    static final class Init extends WitnessBase {
        @Option(names = "--name", required = true, description = "The witness's name, e.g. witness.de-bka.example/w1.")
        String name;

        @Override
        public Integer call() {
            out().println(home().init(name).encode());
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "trust", description = "Cosign checkpoints of the log with this verifier key "
            + "(from 'audit checkpoint --vkey').")
    static final class Trust extends WitnessBase {
        @Parameters(paramLabel = "VKEY")
        String vkey;

        @Override
        public Integer call() {
            NoteVerifier log = NoteVerifier.parse(vkey);
            home().trust(log);
            out().printf("witnessing %s (key %s)%n", log.name(), log.keyIdHex());
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "serve", description = "Serve add-checkpoint and the latest cosigned checkpoints on 127.0.0.1.")
    static final class Serve extends WitnessBase {
        @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1 (0: any free one).")
        int port;

        @Override
        public Integer call() throws Exception {
            Witness witness = home().open(Clock.systemUTC());
            try (WitnessServer server = WitnessServer.start(witness, port)) {
                out().printf("witness %s listening on %s%n", witness.verifier().encode(), server.url());
                out().flush();
                new CountDownLatch(1).await(); // until the process is stopped
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "witness-add", description = "Have the log ask this witness to cosign its checkpoints.")
    static final class Add extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "URL", description = "The witness's prefix, e.g. http://127.0.0.1:4711.")
        URI url;
        @Parameters(index = "1", paramLabel = "VKEY", description = "The witness's verifier key (from 'witness init').")
        String vkey;

        @Override
        int run(Takedown w) {
            w.auditReview().checkpoint(actor(w), java.util.Optional.empty());
            w.cosigning().add(url, NoteVerifier.parse(vkey));
            out().printf("the log will ask %s%n", url);
            return ExitCodes.OK;
        }
    }

    @Command(name = "cosign", description = "Bring the latest checkpoint to every configured witness and keep the "
            + "cosigned checkpoint (run after writes or periodically).")
    static final class Cosign extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            Note cosigned = w.cosigning().cosign();
            out().print(cosigned.format());
            return ExitCodes.OK;
        }
    }
}
