package io.takedown.audit.witness;

import io.takedown.audit.AuditLog;
import io.takedown.audit.LogFiles;
import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The log's side of witnessing: the witnesses it asks ({@code log/witnesses}: URL and verifier key per line)
 * and {@link #cosign()}, which brings the latest signed checkpoint to each of them and keeps the cosigned
 * result in {@code log/cosigned}. Run it after writes or periodically (like {@code order escalate}).
 */
public final class Cosigning {

    /** A witness the log asks. */
    public record Configured(URI url, NoteVerifier key) {
    }

    private final Database database;
    private final LogFiles files;
    private final WitnessClient client = new WitnessClient();

    public Cosigning(Database database, LogFiles files) {
        this.database = database;
        this.files = files;
    }

    public List<Configured> witnesses() {
        Path file = configFile();
        List<Configured> out = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length == 2) {
                        out.add(new Configured(URI.create(parts[0]), NoteVerifier.parse(parts[1])));
                    }
                }
            }
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    public void add(URI url, NoteVerifier key) {
        if (key.type() != NoteVerifier.COSIGNATURE_V1) {
            throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "not a witness (cosignature) key: " + key);
        }
        List<String> lines = new ArrayList<>();
        witnesses().forEach(w -> lines.add(w.url() + " " + w.key().encode()));
        lines.add(url + " " + key.encode());
        try {
            LogFiles.atomicWrite(configFile(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot write " + configFile() + ": " + e.getMessage(), e);
        }
    }

    /** Has every configured witness cosign the latest checkpoint; returns the cosigned checkpoint. */
    public Note cosign() {
        Note head = AuditLog.head(database).orElseThrow(() -> new TakedownException(TakedownException.Kind.NOT_FOUND,
                "the audit log is empty: nothing to cosign"));
        List<Configured> witnesses = witnesses();
        if (witnesses.isEmpty()) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no witness configured: takedown audit "
                    + "witness-add URL VKEY");
        }
        long believed = files.cosigned().map(n -> Checkpoint.of(n).size()).orElse(0L);
        Note cosigned = head;
        for (Configured witness : witnesses) {
            Note answer = client.cosign(witness.url(), witness.key(), head, believed,
                    (from, to) -> AuditLog.consistencyProof(database, from, to));
            for (var signature : answer.signatures()) {
                cosigned = cosigned.withSignature(signature);
            }
        }
        try {
            LogFiles.atomicWrite(files.cosignedFile(), cosigned.format().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot keep the cosigned checkpoint: " + e.getMessage(), e);
        }
        return cosigned;
    }

    /**
     * The latest checkpoint each configured witness serves for {@code origin}; a witness that cannot be reached
     * is skipped with a warning (verification then relies on the local copies).
     */
    public List<Note> latestFromWitnesses(String origin) {
        List<Note> out = new ArrayList<>();
        for (Configured witness : witnesses()) {
            try {
                client.latest(witness.url(), origin).ifPresent(out::add);
            } catch (TakedownException e) {
                org.slf4j.LoggerFactory.getLogger(Cosigning.class).warn("witness {} not consulted: {}", witness.url(),
                        e.getMessage());
            }
        }
        return out;
    }

    private Path configFile() {
        return files.directory().resolve("witnesses");
    }
}
