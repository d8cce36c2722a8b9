package io.takedown.monitor.evidence;

import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The capturing agency's ECDSA P-256 key for signing WACZ packages, as the WACZ signing specification and
 * webrecorder's authsign use: SHA-256 with ECDSA over the ASCII {@code sha256:...} digest string, the
 * signature DER-encoded and base64'd, the public key as base64 SubjectPublicKeyInfo. Kept in the data
 * directory's {@code keys/} beside the agency's Ed25519 key (which signs orders and audit checkpoints;
 * WACZ readers only know ECDSA). The private key file is readable by its owner only.
 */
public final class EvidenceKey {

    public static final String PRIVATE_FILE = "evidence-ecdsa-p256.pk8";
    public static final String PUBLIC_FILE = "evidence-ecdsa-p256.pub";

    private final KeyPair pair;

    private EvidenceKey(KeyPair pair) {
        this.pair = pair;
    }

    /** Loads the key from {@code folder}, creating it on first use. */
    public static synchronized EvidenceKey inDirectory(Path folder) {
        Path privateFile = folder.resolve(PRIVATE_FILE);
        Path publicFile = folder.resolve(PUBLIC_FILE);
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(Files.readString(publicFile).strip())));
                return new EvidenceKey(new KeyPair(publicKey, privateKey));
            }
            Files.createDirectories(folder);
            KeyPair pair = generate();
            Path temp = Files.createTempFile(folder, "evidence", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own protection applies
            }
            Files.write(temp, pair.getPrivate().getEncoded());
            Files.move(temp, privateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(publicFile, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
            return new EvidenceKey(pair);
        } catch (IOException | GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot load or create the evidence signing key in "
                    + folder + ": " + e.getMessage(), e);
        }
    }

    /** A key that lives only in memory (tests). */
    public static EvidenceKey ephemeral() {
        try {
            return new EvidenceKey(generate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The public key as the WACZ {@code publicKey} field carries it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** Signs the ASCII bytes of {@code text}; base64 of the DER signature. */
    public String sign(String text) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(pair.getPrivate());
            signature.update(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signatureBase64} is {@code publicKeyBase64}'s signature of {@code text}. */
    public static boolean verify(String publicKeyBase64, String text, String signatureBase64) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(publicKeyBase64)));
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initVerify(key);
            signature.update(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
