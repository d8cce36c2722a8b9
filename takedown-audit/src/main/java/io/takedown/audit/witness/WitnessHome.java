package io.takedown.audit.witness;

import io.takedown.audit.LogFiles;
import io.takedown.audit.tlog.Note;
import io.takedown.audit.tlog.NoteSigner;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A witness's own directory ({@code DATA_DIR/witness/}): its name and cosigning key, the logs it trusts
 * ({@code logs}, one verifier key per line) and its state ({@code state/}).
 */
public final class WitnessHome {

    private final Path directory;

    public WitnessHome(Path directory) {
        this.directory = directory;
    }

    /** Creates the witness key under {@code name}; refuses to replace an existing one. */
    public NoteVerifier init(String name) {
        Note.checkKeyName(name);
        Path privateFile = directory.resolve("witness-ed25519.key");
        if (Files.exists(privateFile)) {
            throw new TakedownException(TakedownException.Kind.CONFLICT, "a witness key already exists in " + directory);
        }
        try {
            Files.createDirectories(directory);
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.writeString(directory.resolve("name"), name + "\n");
            Files.write(directory.resolve("witness-ed25519.pub"), pair.getPublic().getEncoded());
            Files.write(privateFile, pair.getPrivate().getEncoded());
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection applies.
            }
            return new NoteVerifier(name, NoteVerifier.COSIGNATURE_V1, pair.getPublic());
        } catch (IOException | GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot create the witness key: " + e.getMessage(), e);
        }
    }

    /** Adds a log's verifier key to the logs this witness cosigns. */
    public void trust(NoteVerifier log) {
        try {
            Files.createDirectories(directory);
            List<String> lines = new ArrayList<>(Files.exists(logsFile()) ? Files.readAllLines(logsFile()) : List.of());
            if (!lines.contains(log.encode())) {
                lines.add(log.encode());
                LogFiles.atomicWrite(logsFile(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot write " + logsFile() + ": " + e.getMessage(), e);
        }
    }

    public Witness open(Clock clock) {
        try {
            String name = Files.readString(directory.resolve("name")).strip();
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                    Files.readAllBytes(directory.resolve("witness-ed25519.key"))));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(
                    Files.readAllBytes(directory.resolve("witness-ed25519.pub"))));
            Map<String, List<NoteVerifier>> logs = new LinkedHashMap<>();
            if (Files.exists(logsFile())) {
                for (String line : Files.readAllLines(logsFile())) {
                    if (!line.isBlank()) {
                        NoteVerifier log = NoteVerifier.parse(line);
                        logs.computeIfAbsent(log.name(), n -> new ArrayList<>()).add(log);
                    }
                }
            }
            return new Witness(NoteSigner.cosigner(name, privateKey, publicKey, clock), logs, directory.resolve("state"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no witness in " + directory
                    + ": run takedown witness init --name NAME");
        } catch (IOException | GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot open the witness: " + e.getMessage(), e);
        }
    }

    private Path logsFile() {
        return directory.resolve("logs");
    }
}
