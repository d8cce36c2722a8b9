package io.takedown.audit.witness;

import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteSignature;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Asks a witness to cosign a checkpoint (C2SP tlog-witness {@code add-checkpoint}): first with the size the
 * log believes the witness holds, then, on a 409 answer naming another size, once more with a consistency
 * proof from that size. Only loopback witnesses are contacted.
 */
public final class WitnessClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param proofs consistency proof from an old size to the checkpoint's size, from the log
     * @return the checkpoint with the witness's verified cosignature added
     * @throws TakedownException CONFLICT when the witness refuses (a fork or a rollback), IO when unreachable
     */
    public Note cosign(URI prefix, NoteVerifier witness, Note checkpoint, long believedSize,
                       BiFunction<Long, Long, List<byte[]>> proofs) {
        requireLoopback(prefix);
        Checkpoint body = Checkpoint.of(checkpoint);
        long oldSize = Math.min(believedSize, body.size());
        for (int attempt = 0; attempt < 2; attempt++) {
            List<byte[]> proof = oldSize == 0 ? List.of() : proofs.apply(oldSize, body.size());
            HttpResponse<String> response = post(prefix, request(oldSize, proof, checkpoint));
            if (response.statusCode() == 409) {
                Optional<String> type = response.headers().firstValue("Content-Type");
                String text = response.body().strip();
                if (type.isEmpty() || !type.get().startsWith("text/x.tlog.size") || !text.matches("[0-9]{1,19}")) {
                    throw new TakedownException(TakedownException.Kind.CONFLICT, "witness answered 409 without a size");
                }
                long witnessSize = Long.parseLong(text);
                if (witnessSize > body.size()) {
                    throw new TakedownException(TakedownException.Kind.CONFLICT, "the witness has cosigned size "
                            + witnessSize + ", larger than this log's " + body.size() + ": the log was truncated or "
                            + "rolled back");
                }
                oldSize = witnessSize;
                continue;
            }
            if (response.statusCode() != 200) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "witness " + prefix + " refused (HTTP "
                        + response.statusCode() + "): " + response.body().strip());
            }
            Note cosigned = checkpoint;
            for (String line : response.body().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                NoteSignature signature = Note.parseSignatureLine(line);
                if (witness.matches(signature)) {
                    cosigned = cosigned.withSignature(signature);
                }
            }
            try {
                if (!cosigned.verify(List.of(witness)).contains(witness)) {
                    throw new InvalidInputException("witness", "no cosignature by " + witness.name());
                }
            } catch (InvalidInputException e) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "witness " + prefix
                        + " answered without a valid cosignature: " + e.getMessage());
            }
            return cosigned;
        }
        throw new TakedownException(TakedownException.Kind.CONFLICT, "witness " + prefix + " keeps changing its size");
    }

    /** The latest checkpoint the witness cosigned for {@code origin} (monitoring endpoint), if any. */
    public Optional<Note> latest(URI prefix, String origin) {
        requireLoopback(prefix);
        HttpRequest request = HttpRequest.newBuilder(prefix.resolve("/" + Witness.originHash(origin) + "/checkpoint"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? Optional.of(Note.parse(response.body())) : Optional.empty();
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "witness " + prefix + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TakedownException(TakedownException.Kind.IO, "interrupted", e);
        }
    }

    static String request(long oldSize, List<byte[]> proof, Note checkpoint) {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        for (byte[] hash : proof) {
            body.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return body.append('\n').append(checkpoint.format()).toString();
    }

    private HttpResponse<String> post(URI prefix, String body) {
        HttpRequest request = HttpRequest.newBuilder(prefix.resolve("/add-checkpoint")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "witness " + prefix + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TakedownException(TakedownException.Kind.IO, "interrupted", e);
        }
    }

    private static void requireLoopback(URI prefix) {
        try {
            if (prefix.getHost() == null || !InetAddress.getByName(prefix.getHost()).isLoopbackAddress()) {
                throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "witness " + prefix
                        + " is not on loopback; Takedown contacts no other address");
            }
        } catch (java.net.UnknownHostException e) {
            throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "unknown witness host " + prefix.getHost());
        }
    }

    static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n")));
    }
}
