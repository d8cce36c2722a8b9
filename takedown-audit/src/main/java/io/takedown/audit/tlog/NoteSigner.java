package io.takedown.audit.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;

/**
 * Signs note texts under a key name: plain Ed25519 note signatures (a log signing its checkpoints) or
 * timestamped cosignature/v1 (a witness). The private key never leaves this object.
 */
public final class NoteSigner {

    private final String name;
    private final int type;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Clock clock;

    private NoteSigner(String name, int type, PrivateKey privateKey, PublicKey publicKey, Clock clock) {
        Note.checkKeyName(name);
        this.name = name;
        this.type = type;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    public static NoteSigner ed25519(String name, PrivateKey privateKey, PublicKey publicKey) {
        return new NoteSigner(name, NoteVerifier.ED25519, privateKey, publicKey, Clock.systemUTC());
    }

    public static NoteSigner cosigner(String name, PrivateKey privateKey, PublicKey publicKey, Clock clock) {
        return new NoteSigner(name, NoteVerifier.COSIGNATURE_V1, privateKey, publicKey, clock);
    }

    public NoteVerifier verifier() {
        return new NoteVerifier(name, type, publicKey);
    }

    public NoteSignature sign(String text) {
        int keyId = NoteVerifier.keyId(name, type, publicKey);
        if (type == NoteVerifier.ED25519) {
            return new NoteSignature(name, keyId, Ed25519.sign(privateKey, text.getBytes(StandardCharsets.UTF_8)));
        }
        long timestamp = Math.max(1, clock.instant().getEpochSecond());
        byte[] signature = Ed25519.sign(privateKey, NoteVerifier.cosignedMessage(text, timestamp));
        return new NoteSignature(name, keyId, ByteBuffer.allocate(8 + signature.length).putLong(timestamp)
                .put(signature).array());
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier().encode() + "]";
    }
}
