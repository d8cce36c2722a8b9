package io.takedown.audit;

import io.takedown.audit.tlog.Ed25519;
import io.takedown.audit.tlog.NoteSigner;
import io.takedown.audit.tlog.NoteVerifier;
import io.takedown.core.TakedownException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * An Ed25519 signing key (the log's in {@code keys/}, an agency's in {@code keys/agency/CODE/}; stored by
 * {@link KeySlot}). Signs audit checkpoints, removal orders and plans; anyone holding the public key verifies
 * them. Its {@code kid} is the RFC 7638 thumbprint. The private key never leaves this object.
 */
public final class Signer {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    Signer(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = keyIdOf(publicKey);
    }

    /**
     * The current key of the key directory {@code directory}, created on first use; protected at rest with the
     * passphrase in {@code $TAKEDOWN_KEY_PASSPHRASE} when set (see {@link KeySlot}).
     */
    public static Signer inDirectory(Path directory) {
        return KeySlot.fromEnvironment(directory).openOrCreate();
    }

    /** A throwaway key, for tests. */
    public static Signer ephemeral() {
        try {
            return new Signer(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Base64url signature of {@code data}. */
    public String sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(data);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] data, String signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The key id ({@code kid}): the RFC 7638 JWK thumbprint of the Ed25519 public key, i.e. base64url (no
     * padding) of SHA-256 over {@code {"crv":"Ed25519","kty":"OKP","x":"<base64url key>"}} (RFC 8037 members
     * in lexicographic order, no whitespace).
     */
    public static String keyIdOf(PublicKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + b64.encodeToString(Ed25519.raw(key)) + "\"}";
        try {
            return b64.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(jwk.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs notes (checkpoints) under {@code name}, the log's origin. */
    public NoteSigner noteSigner(String name) {
        return NoteSigner.ed25519(name, privateKey, publicKey);
    }

    /** The verifier key of {@link #noteSigner(String)}. */
    public NoteVerifier noteVerifier(String name) {
        return new NoteVerifier(name, NoteVerifier.ED25519, publicKey);
    }

    /** The current public key kept in {@code directory}, without creating anything; empty when there is none. */
    public static java.util.Optional<PublicKey> publicKeyIn(Path directory) {
        return new KeySlot(directory, java.util.Optional.empty()).publicKeys().stream().findFirst();
    }

    /** Every public key of {@code directory}, current and rotated out, so old signatures verify; creates nothing. */
    public static java.util.List<PublicKey> publicKeysIn(Path directory) {
        return new KeySlot(directory, java.util.Optional.empty()).publicKeys();
    }

    @Override
    public String toString() {
        return "Signer[kid=" + keyId + "]"; // never the private key
    }

    /**
     * Compact JWS (RFC 7515) with {@code alg: EdDSA} over a JSON payload, for documents other than orders
     * (action-day plans); orders are signed by {@code io.takedown.orders.OrderJws} with their own media type.
     */
    public String jws(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + keyId + "\",\"typ\":\"JWT\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String payload = b64.encodeToString(payloadJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        return signingInput + "." + sign(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The payload of a compact JWS if its EdDSA signature verifies with {@code key}, else empty. */
    public static java.util.Optional<String> verifyJws(PublicKey key, String jws) {
        String[] parts = jws.split("\\.");
        if (parts.length != 3) {
            return java.util.Optional.empty();
        }
        if (!verify(key, (parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII), parts[2])) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new String(Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
