package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.audit.AuditEntry;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.ConsistencyProof;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.audit.tlog.TlogProof;
import io.takedown.core.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The audit log: verification, checkpoints and proofs (authorised, through the service), and offline
 * verification of a proof file with no database at all.
 */
final class AuditCommands {

    private AuditCommands() {
    }

    @Command(name = "audit", description = "The audit trail: a transparency log with signed checkpoints and proofs.",
            subcommands = {Verify.class, CheckpointCommand.class, Prove.class, Consistency.class, VerifyProof.class,
                WitnessCommands.Add.class, WitnessCommands.Cosign.class})
    static final class AuditCommand extends LegalCommands.Group {
    }

    @Command(name = "verify", description = "Check every entry, the tree and the signed and cosigned checkpoints; "
            + "exit 3 and the first bad entries when tampered, truncated or rewritten.")
    static final class Verify extends LegalCommands.Legal {
        @Option(names = "--checkpoint", paramLabel = "FILE", description = "Also verify against this signed or cosigned "
                + "checkpoint (e.g. one kept by an auditor or a partner); repeatable.")
        List<Path> checkpoints = new ArrayList<>();

        @Override
        int run(Takedown w) throws IOException {
            List<Note> extra = new ArrayList<>();
            for (Path file : checkpoints) {
                extra.add(Note.parse(Files.readAllBytes(file)));
            }
            AuditVerifier.Report report = w.auditReview().verify(actor(w), extra);
            if (report.intact()) {
                out().printf("audit trail intact: %d entries, %d signed checkpoint(s) verified%n", report.entries(),
                        report.checkpoints());
                report.checkedAgainst().forEach(what -> out().println("  " + what));
                return ExitCodes.OK;
            }
            out().printf("audit trail TAMPERED: %d problem(s) in %d entries%n", report.problems().size(), report.entries());
            report.problems().forEach(problem -> out().println("  " + problem));
            return ExitCodes.INVALID_INPUT;
        }
    }

    @Command(name = "checkpoint", description = "Print the latest signed checkpoint (or the one at --size) and the log's "
            + "verifier key.")
    static final class CheckpointCommand extends LegalCommands.Legal {
        @Option(names = "--size", paramLabel = "N", description = "A checkpoint for the log at N entries.")
        Long size;
        @Option(names = "--output", paramLabel = "FILE")
        Path output;
        @Option(names = "--vkey", description = "Print the log's verifier key (for witnesses and verify-proof) instead.")
        boolean vkey;

        @Override
        int run(Takedown w) throws IOException {
            if (vkey) {
                w.auditReview().checkpoint(actor(w), Optional.empty());
                out().println(w.audit().verifier(w.database()).encode());
                return ExitCodes.OK;
            }
            Note note = w.auditReview().checkpoint(actor(w), Optional.ofNullable(size));
            return write(out(), output, note.format());
        }
    }

    @Command(name = "prove", description = "Inclusion proof of one entry (C2SP tlog-proof, with the entry), verifiable "
            + "offline with 'audit verify-proof'.")
    static final class Prove extends LegalCommands.Legal {
        @Parameters(paramLabel = "ENTRY", arity = "0..1", description = "The entry's sequence number.")
        Long seq;
        @Option(names = "--subject", paramLabel = "SUBJECT", description = "Every entry about SUBJECT instead (e.g. "
                + "order:17 or item:42), one proof per entry; with --output, FILE is a directory of entry-SEQ.tlog files.")
        String subject;
        @Option(names = "--checkpoint", paramLabel = "FILE", description = "Prove against this checkpoint (e.g. a "
                + "cosigned one) instead of the latest signed one.")
        Path checkpoint;
        @Option(names = "--output", paramLabel = "FILE")
        Path output;

        @Override
        int run(Takedown w) throws IOException {
            Optional<Note> against = checkpoint == null ? Optional.empty() : Optional.of(Note.parse(Files.readAllBytes(checkpoint)));
            if ((seq == null) == (subject == null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give either ENTRY or --subject");
            }
            if (seq != null) {
                return write(out(), output, w.auditReview().prove(actor(w), seq, against).format());
            }
            List<TlogProof> proofs = w.auditReview().proveSubject(actor(w), subject, against);
            if (output == null) {
                // Proofs one after the other; each ends with its checkpoint's signature lines and a blank line.
                StringBuilder all = new StringBuilder();
                proofs.forEach(p -> all.append(p.format()).append('\n'));
                return write(out(), null, all.toString());
            }
            Files.createDirectories(output);
            for (TlogProof proof : proofs) {
                Files.writeString(output.resolve("entry-" + (proof.index() + 1) + ".tlog"), proof.format(),
                        StandardCharsets.UTF_8);
            }
            out().printf("%d proof(s) about %s written to %s%n", proofs.size(), subject, output);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "consistency", description = "Consistency proof that the log at NEW entries extends the log at OLD.")
    static final class Consistency extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "OLD")
        long oldSize;
        @Parameters(index = "1", paramLabel = "NEW")
        long newSize;
        @Option(names = "--output", paramLabel = "FILE")
        Path output;

        @Override
        int run(Takedown w) throws IOException {
            return write(out(), output, w.auditReview().consistency(actor(w), oldSize, newSize).format());
        }
    }

    @Command(name = "verify-proof", description = "Verify an inclusion (tlog-proof) or consistency proof offline, "
            + "against the log's verifier key(s); needs no database.")
    static final class VerifyProof implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE")
        Path file;
        @Option(names = "--log-key", paramLabel = "VKEY", required = true,
                description = "The log's verifier key (name+id+key, from 'audit checkpoint --vkey'), or a file holding "
                        + "one per line; repeat for rotated keys.")
        List<String> logKeys = new ArrayList<>();
        @Option(names = "--witness-key", paramLabel = "VKEY", description = "A witness's verifier key (or file).")
        List<String> witnessKeys = new ArrayList<>();
        @Option(names = "--quorum", defaultValue = "0", description = "How many of the witnesses must have cosigned.")
        int quorum;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<NoteVerifier> logs = keys(logKeys);
            List<NoteVerifier> witnesses = keys(witnessKeys);
            List<NoteVerifier> all = new ArrayList<>(logs);
            all.addAll(witnesses);
            if (text.startsWith(TlogProof.HEADER)) {
                TlogProof proof = TlogProof.parse(text);
                byte[] data = proof.extra().orElseThrow(() -> new InvalidInputException(file.toString(),
                        "the proof carries no entry (extra line)"));
                Checkpoint checkpoint = proof.verify(Merkle.leafHash(data), logs);
                requireQuorum(proof.checkpoint(), all, witnesses);
                out.printf("inclusion proof OK: entry %d is in %s at size %d%n", proof.index() + 1, checkpoint.origin(),
                        checkpoint.size());
                AuditEntry.fromLeafData(data).ifPresent(e -> out.printf("  %s %s@%s %s %s %s%n", e.at(), e.actor(),
                        e.agency(), e.action(), e.subject(), e.detail() == null ? "" : e.detail()));
            } else if (text.startsWith(ConsistencyProof.HEADER)) {
                ConsistencyProof proof = ConsistencyProof.parse(text);
                Checkpoint newer = proof.verify(logs);
                requireQuorum(proof.newer(), all, witnesses);
                out.printf("consistency proof OK: %s at size %d extends size %d%n", newer.origin(), newer.size(),
                        Checkpoint.of(proof.older()).size());
            } else {
                throw new InvalidInputException(file.toString(), "neither a tlog-proof nor a consistency proof");
            }
            out.flush();
            return ExitCodes.OK;
        }

        private void requireQuorum(Note note, List<NoteVerifier> all, List<NoteVerifier> witnesses) {
            long cosigners = note.verify(all).stream().filter(witnesses::contains).count();
            if (cosigners < quorum) {
                throw new InvalidInputException(file.toString(), "cosigned by " + cosigners + " trusted witness(es), "
                        + quorum + " required");
            }
        }

        private static List<NoteVerifier> keys(List<String> values) throws IOException {
            List<NoteVerifier> keys = new ArrayList<>();
            for (String value : values) {
                Path path = Path.of(value);
                if (!value.contains("+") && Files.isRegularFile(path)) {
                    for (String line : Files.readAllLines(path)) {
                        if (!line.isBlank() && !line.startsWith("#")) {
                            keys.add(NoteVerifier.parse(line));
                        }
                    }
                } else {
                    keys.add(NoteVerifier.parse(value));
                }
            }
            return keys;
        }
    }

    static int write(PrintWriter out, Path output, String text) throws IOException {
        if (output == null) {
            out.print(text);
        } else {
            Files.writeString(output, text, StandardCharsets.UTF_8);
            out.printf("wrote %s%n", output);
        }
        return ExitCodes.OK;
    }
}
