package io.takedown.audit.witness;

import io.takedown.audit.LogFiles;
import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteSigner;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.core.InvalidInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The witness's logic, apart from HTTP: {@code add-checkpoint} as C2SP tlog-witness specifies it. For each
 * origin it keeps the latest checkpoint it cosigned, with the log's signature and its own cosignature, in
 * {@code state/<sha256(origin)>}. The check of the old size and the write of the new state happen under one
 * lock per origin (in process and, through a file lock, across processes), and the state is on disk before
 * the answer leaves, so a crash never lets it cosign a rollback.
 */
public final class Witness {

    /** An HTTP answer: status, content type and body. */
    public record Response(int status, String contentType, String body) {
        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body);
        }
    }

    private final NoteSigner key;
    private final Map<String, List<NoteVerifier>> logs;
    private final Path stateDirectory;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param key   the witness's cosigning key (cosignature/v1)
     * @param logs  the logs it witnesses: origin → the log's verifier keys
     */
    public Witness(NoteSigner key, Map<String, List<NoteVerifier>> logs, Path stateDirectory) {
        this.key = key;
        this.logs = Map.copyOf(logs);
        this.stateDirectory = stateDirectory;
    }

    public NoteVerifier verifier() {
        return key.verifier();
    }

    /** Handles the body of {@code POST <prefix>/add-checkpoint}. */
    public Response addCheckpoint(byte[] request) {
        Request parsed;
        try {
            parsed = Request.parse(request);
        } catch (InvalidInputException e) {
            return Response.text(400, e.getMessage() + "\n");
        }
        Checkpoint checkpoint = parsed.checkpoint;
        List<NoteVerifier> trusted = logs.get(checkpoint.origin());
        if (trusted == null) {
            return Response.text(404, "unknown log origin\n");
        }
        try {
            List<NoteVerifier> signers = parsed.note.verify(trusted);
            if (signers.isEmpty()) {
                return Response.text(403, "not signed by the log\n");
            }
        } catch (InvalidInputException e) {
            return Response.text(403, e.getMessage() + "\n");
        }
        if (parsed.oldSize > checkpoint.size()) {
            return Response.text(400, "old size is larger than the checkpoint's size\n");
        }
        synchronized (locks.computeIfAbsent(checkpoint.origin(), o -> new Object())) {
            try {
                Files.createDirectories(stateDirectory);
                try (FileChannel channel = FileChannel.open(stateDirectory.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    return addLocked(parsed, checkpoint);
                }
            } catch (IOException e) {
                return Response.text(500, "cannot keep the witness state: " + e.getMessage() + "\n");
            }
        }
    }

    private Response addLocked(Request request, Checkpoint checkpoint) throws IOException {
        Optional<Note> latest = latest(checkpoint.origin());
        long cosignedSize = latest.map(n -> Checkpoint.of(n).size()).orElse(0L);
        if (request.oldSize != cosignedSize) {
            return new Response(409, "text/x.tlog.size", cosignedSize + "\n");
        }
        if (checkpoint.size() == 0 && !Merkle.equal(checkpoint.root(), Merkle.emptyRoot())) {
            return Response.text(422, "an empty tree has the empty root\n");
        }
        if (request.oldSize == 0) {
            if (!request.proof.isEmpty()) {
                return Response.text(422, "no proof is needed from size 0\n");
            }
        } else {
            byte[] oldRoot = Checkpoint.of(latest.orElseThrow()).root();
            if (!Merkle.verifyConsistency(request.oldSize, checkpoint.size(), oldRoot, checkpoint.root(), request.proof)) {
                return Response.text(422, "the consistency proof does not verify\n");
            }
        }
        Note logSigned = new Note(request.note.text(), request.note.signatures().stream()
                .filter(s -> logs.get(checkpoint.origin()).stream().anyMatch(v -> v.matches(s))).toList());
        var cosignature = key.sign(request.note.text());
        LogFiles.atomicWrite(stateFile(checkpoint.origin()),
                logSigned.withSignature(cosignature).format().getBytes(StandardCharsets.UTF_8));
        return new Response(200, "text/plain; charset=utf-8", cosignature.line() + "\n");
    }

    /** The latest checkpoint cosigned for {@code origin}, with both signatures (the monitoring endpoint). */
    public Optional<Note> latest(String origin) {
        return LogFiles.read(stateFile(origin));
    }

    /** {@code GET <prefix>/<origin hash>/checkpoint}: the origin hash is lower-case hex SHA-256 of the origin. */
    public Optional<Note> latestByHash(String originHash) {
        for (String origin : logs.keySet()) {
            if (originHash(origin).equals(originHash)) {
                return latest(origin);
            }
        }
        return Optional.empty();
    }

    public static String originHash(String origin) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(origin.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path stateFile(String origin) {
        return stateDirectory.resolve(originHash(origin));
    }

    /** The request body: {@code old N}, proof lines, a blank line, then the checkpoint note. */
    record Request(long oldSize, List<byte[]> proof, Note note, Checkpoint checkpoint) {
        static Request parse(byte[] body) {
            if (body.length > Note.MAX_BYTES) {
                throw new InvalidInputException("add-checkpoint", "request too large");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            int blank = text.indexOf("\n\n");
            if (blank < 0) {
                throw new InvalidInputException("add-checkpoint", "no blank line before the checkpoint");
            }
            List<String> head = new ArrayList<>(List.of(text.substring(0, blank).split("\n", -1)));
            String old = head.removeFirst();
            if (!old.startsWith("old ") || !old.substring(4).matches("0|[1-9][0-9]{0,18}")) {
                throw new InvalidInputException("add-checkpoint", "first line must be 'old SIZE'");
            }
            long oldSize;
            try {
                oldSize = Long.parseLong(old.substring(4));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("add-checkpoint", "old size out of range");
            }
            if (head.size() > 63) {
                throw new InvalidInputException("add-checkpoint", "more than 63 proof lines");
            }
            List<byte[]> proof = new ArrayList<>();
            for (String line : head) {
                byte[] hash;
                try {
                    hash = java.util.Base64.getDecoder().decode(line);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("add-checkpoint", "proof line is not base64");
                }
                if (hash.length != Merkle.HASH_SIZE) {
                    throw new InvalidInputException("add-checkpoint", "proof line is not a 32-byte hash");
                }
                proof.add(hash);
            }
            Note note = Note.parse(text.substring(blank + 2));
            return new Request(oldSize, proof, note, Checkpoint.of(note));
        }
    }
}
