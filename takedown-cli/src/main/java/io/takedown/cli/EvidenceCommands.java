package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.core.InvalidInputException;
import io.takedown.monitor.evidence.EvidenceService;
import io.takedown.monitor.evidence.WaczVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code takedown evidence export|verify|key}: signed WACZ packages of captures. */
final class EvidenceCommands {

    private EvidenceCommands() {
    }

    @Command(name = "evidence", description = "Signed WACZ evidence packages of captured items and cases.",
            subcommands = {Export.class, Verify.class, Key.class})
    static final class EvidenceCommand extends LegalCommands.Group {
    }

    @Command(name = "export", description = {"Package an item's capture (ITEM, or item:N) or a case's (case:N) as a signed WACZ.",
        "Reading each item is checked against your role and handling code, and audited."})
    static final class Export extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ITEM|CASE")
        String what;
        @Option(names = "--out", required = true, paramLabel = "FILE.wacz")
        Path out;

        @Override
        int run(Takedown w) {
            if (!out.getFileName().toString().endsWith(".wacz")) {
                throw new InvalidInputException(null, "a WACZ file name ends with .wacz");
            }
            String t = what.trim().toLowerCase(java.util.Locale.ROOT);
            EvidenceService.Export export;
            try {
                if (t.startsWith("case:")) {
                    export = w.evidence().exportCase(actor(w), Long.parseLong(t.substring(5)), out);
                } else {
                    export = w.evidence().exportItem(actor(w), Long.parseLong(t.startsWith("item:") ? t.substring(5) : t), out);
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException(null, "name an item (12 or item:12) or a case (case:3)");
            }
            out().printf("wrote %s: %d item(s), %d record group(s), datapackage %s%n  signed with ECDSA P-256 key %s%n",
                    export.file(), export.items(), export.records(), export.packageHash(), export.publicKey());
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", description = "Check a WACZ: every file's SHA-256, the datapackage digest and its signature.")
    static final class Verify extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "FILE.wacz")
        Path file;
        @Option(names = "--key", paramLabel = "PUBLIC-KEY", description = "Also require this signer (base64, or a .pub file).")
        String key;

        @Override
        int run(Takedown w) throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.NOT_FOUND,
                        "no file " + file);
            }
            Optional<String> expected = Optional.ofNullable(key).map(k -> {
                try {
                    return Files.isRegularFile(Path.of(k)) ? Files.readString(Path.of(k)).strip() : k;
                } catch (java.io.IOException e) {
                    throw new InvalidInputException(null, "cannot read key " + k);
                }
            });
            WaczVerifier.Report report = new WaczVerifier().verify(file, expected);
            for (WaczVerifier.Problem problem : report.problems()) {
                out().printf("FAILED %s: %s%n", problem.file(), problem.reason());
            }
            if (report.ok()) {
                out().printf("ok: %d files match datapackage.json %s; signature verifies (ECDSA P-256, key %s)%n",
                        report.files(), report.packageHash().orElse("?"), report.signedBy().orElse("?"));
                return ExitCodes.OK;
            }
            return ExitCodes.INVALID_INPUT;
        }
    }

    @Command(name = "key", description = "Print the agency's evidence public key (base64 SubjectPublicKeyInfo).")
    static final class Key extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            out().println(w.evidence().publicKey());
            return ExitCodes.OK;
        }
    }
}
