package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.audit.KeySlot;
import io.takedown.audit.Signer;
import io.takedown.audit.backup.Backups;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Signing keys (list, rotate, protect) and online backup / verified restore of a data directory. */
final class KeysAndBackupCommands {

    private KeysAndBackupCommands() {
    }

    @Command(name = "keys", description = "Signing keys: the log's and each agency's; protected at rest with "
            + "$TAKEDOWN_KEY_PASSPHRASE.", subcommands = {ListKeys.class, Rotate.class})
    static final class KeysCommand {
        @ParentCommand
        TakedownCommand root;
    }

    abstract static class KeysBase implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        KeysCommand parent;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        Path keys() {
            return parent.root.home().resolve("keys");
        }
    }

    @Command(name = "list", description = "Every key slot: key id (RFC 7638 thumbprint), protection, retired keys. "
            + "Public information only.")
    static final class ListKeys extends KeysBase {
        @Override
        public Integer call() throws Exception {
            List<Path> slots = new ArrayList<>();
            slots.add(keys());
            Path agencies = keys().resolve("agency");
            if (Files.isDirectory(agencies)) {
                try (var list = Files.list(agencies)) {
                    list.filter(Files::isDirectory).sorted().forEach(slots::add);
                }
            }
            for (Path dir : slots) {
                KeySlot slot = new KeySlot(dir, java.util.Optional.empty());
                var publicKeys = slot.publicKeys();
                if (publicKeys.isEmpty()) {
                    continue;
                }
                String owner = dir.equals(keys()) ? "log" : "agency " + dir.getFileName();
                out().printf("%-16s kid %s  %s  %d retired%n", owner, Signer.keyIdOf(publicKeys.getFirst()),
                        slot.protectedAtRest() ? "protected" : "NOT PROTECTED (set " + KeySlot.PASSPHRASE_ENV + ")",
                        publicKeys.size() - 1);
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate", description = "Replace a key with a new one; the old public key is kept so that what "
            + "it signed still verifies. Give witnesses the log's new verifier key afterwards.")
    static final class Rotate extends KeysBase {
        @Option(names = "--agency", paramLabel = "CODE", description = "An agency's key instead of the log's.")
        String agency;

        @Override
        public Integer call() {
            Path dir = agency == null ? keys() : keys().resolve("agency").resolve(agency);
            Signer fresh = KeySlot.fromEnvironment(dir).rotate();
            out().printf("new key %s in %s%n", fresh.keyId(), dir);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "backup", description = "Online backup: a consistent copy of the database (SQLite VACUUM INTO, "
            + "PostgreSQL pg_dump), the log's copy and public keys, and the signed checkpoint. No private key.")
    static final class Backup extends LegalCommands.Legal {
        @Parameters(paramLabel = "DIR", description = "A new or empty directory.")
        Path target;

        @Override
        int run(Takedown w) {
            Backups.Summary summary = w.backups().backup(w.database(), target);
            out().printf("backed up %d audit entries of %s to %s%n", summary.entries(), summary.origin(), target);
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", description = "Restore a backup after verifying its audit log against its checkpoint; "
            + "stop Takedown first.")
    static final class Restore extends LegalCommands.Legal {
        @Parameters(paramLabel = "DIR")
        Path source;
        @Option(names = "--accept-loss", description = "Restore even though this data directory has published a larger "
                + "log (the entries after the backup are lost, and witnesses will see it).")
        boolean acceptLoss;

        @Override
        int run(Takedown w) {
            Backups.Summary summary = w.backups().restore(source, acceptLoss);
            out().printf("restored %s: audit log of %s verified at %d entries%n", source, summary.origin(),
                    summary.entries());
            return ExitCodes.OK;
        }
    }
}
