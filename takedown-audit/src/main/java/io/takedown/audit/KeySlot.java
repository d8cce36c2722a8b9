package io.takedown.audit;

import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signing key's directory (the log's {@code keys/}, an agency's {@code keys/agency/CODE/}):
 * <ul>
 *   <li>{@code signing-ed25519.pub} — the current public key (X.509 SubjectPublicKeyInfo, DER);</li>
 *   <li>{@code signing-ed25519.p8e} — the current private key encrypted with a passphrase (PKCS#8
 *       EncryptedPrivateKeyInfo, PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC; {@code openssl pkey} reads it), or
 *       {@code signing-ed25519.key} — unencrypted PKCS#8, only when no passphrase is configured;</li>
 *   <li>{@code retired/<kid>.pub} — public keys rotated out, kept so that old signatures still verify.</li>
 * </ul>
 * Private keys are owner-readable only and never written anywhere else.
 */
public final class KeySlot {

    /** Where the passphrase comes from when the caller does not pass one. */
    public static final String PASSPHRASE_ENV = "TAKEDOWN_KEY_PASSPHRASE";
    static final String PBE = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 210_000;
    private static final Logger LOG = LoggerFactory.getLogger(KeySlot.class);

    private final Path directory;
    private final Optional<char[]> passphrase;
    private final int iterations;

    public KeySlot(Path directory, Optional<char[]> passphrase) {
        this(directory, passphrase, ITERATIONS);
    }

    /** {@code iterations} below the default are for tests only (each costs a PBKDF2 round). */
    KeySlot(Path directory, Optional<char[]> passphrase, int iterations) {
        this.directory = directory;
        this.passphrase = passphrase.filter(p -> p.length > 0);
        this.iterations = iterations;
    }

    /** The slot with the passphrase from {@value #PASSPHRASE_ENV}, if set. */
    public static KeySlot fromEnvironment(Path directory) {
        return new KeySlot(directory, Optional.ofNullable(System.getenv(PASSPHRASE_ENV)).map(String::toCharArray));
    }

    Path publicFile() {
        return directory.resolve("signing-ed25519.pub");
    }

    Path plainFile() {
        return directory.resolve("signing-ed25519.key");
    }

    Path encryptedFile() {
        return directory.resolve("signing-ed25519.p8e");
    }

    Path retired() {
        return directory.resolve("retired");
    }

    public boolean exists() {
        return Files.exists(publicFile()) && (Files.exists(plainFile()) || Files.exists(encryptedFile()));
    }

    public boolean protectedAtRest() {
        return Files.exists(encryptedFile()) && !Files.exists(plainFile());
    }

    /**
     * The current key, created on first use. A plain key found while a passphrase is configured is encrypted
     * then and there (setting the passphrase protects an existing deployment).
     */
    public Signer openOrCreate() {
        try {
            if (!exists()) {
                return new Signer(create());
            }
            PublicKey publicKey = readPublic(publicFile());
            PrivateKey privateKey;
            if (Files.exists(encryptedFile())) {
                privateKey = decrypt(Files.readAllBytes(encryptedFile()));
            } else {
                privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(
                        new PKCS8EncodedKeySpec(Files.readAllBytes(plainFile())));
                if (passphrase.isPresent()) {
                    writePrivate(privateKey);
                }
            }
            return new Signer(new KeyPair(publicKey, privateKey));
        } catch (IOException | GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot load or create the signing key in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the current key with a new one; the old public key moves to {@code retired/} so that what it
     * signed still verifies, and the old private key is deleted.
     */
    public Signer rotate() {
        try {
            if (exists()) {
                PublicKey old = readPublic(publicFile());
                Files.createDirectories(retired());
                Files.write(retired().resolve(Signer.keyIdOf(old) + ".pub"), old.getEncoded());
                Files.deleteIfExists(plainFile());
                Files.deleteIfExists(encryptedFile());
            }
            return new Signer(create());
        } catch (IOException | GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot rotate the signing key in " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    /** Every public key of this slot, current first then retired ones; never creates anything. */
    public List<PublicKey> publicKeys() {
        List<PublicKey> keys = new ArrayList<>();
        try {
            if (Files.exists(publicFile())) {
                keys.add(readPublic(publicFile()));
            }
            if (Files.isDirectory(retired())) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(retired(), "*.pub")) {
                    for (Path file : files) {
                        keys.add(readPublic(file));
                    }
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read public keys in " + directory + ": "
                    + e.getMessage(), e);
        }
        return keys;
    }

    private KeyPair create() throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        writePrivate(pair.getPrivate());
        LogFiles.atomicWrite(publicFile(), pair.getPublic().getEncoded());
        if (passphrase.isEmpty()) {
            LOG.warn("signing key in {} is stored without a passphrase; set {} to protect it at rest", directory,
                    PASSPHRASE_ENV);
        }
        return pair;
    }

    private void writePrivate(PrivateKey key) throws IOException, GeneralSecurityException {
        if (passphrase.isPresent()) {
            ownerOnly(encryptedFile(), encrypt(key.getEncoded()));
            Files.deleteIfExists(plainFile());
        } else {
            ownerOnly(plainFile(), key.getEncoded());
        }
    }

    private static void ownerOnly(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own protection applies.
        }
        Files.write(temporary, bytes);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private byte[] encrypt(byte[] pkcs8) throws GeneralSecurityException, IOException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        char[] secret = passphrase.orElseThrow();
        Cipher cipher = Cipher.getInstance(PBE);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(PBE).generateSecret(new PBEKeySpec(secret)),
                new PBEParameterSpec(salt, iterations, new IvParameterSpec(iv)));
        byte[] encrypted = cipher.doFinal(pkcs8);
        AlgorithmParameters parameters = cipher.getParameters();
        // EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier { id-PBES2, PBES2-params }, OCTET STRING }.
        // The JDK encodes the PBES2 parameters but cannot name this cipher's OID itself, so the two outer
        // layers are written here.
        byte[] algorithm = der(0x30, concat(PBES2_OID, parameters.getEncoded()));
        return der(0x30, concat(algorithm, der(0x04, encrypted)));
    }

    /** DER of OBJECT IDENTIFIER 1.2.840.113549.1.5.13 (PKCS #5 PBES2). */
    private static final byte[] PBES2_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x05, 0x0d};

    private static byte[] der(int tag, byte[] value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private PrivateKey decrypt(byte[] der) throws IOException, GeneralSecurityException {
        if (passphrase.isEmpty()) {
            throw new TakedownException(TakedownException.Kind.FORBIDDEN, "the signing key in " + directory
                    + " is protected by a passphrase: set " + PASSPHRASE_ENV);
        }
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        Cipher cipher = Cipher.getInstance(PBE);
        cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(PBE).generateSecret(
                new PBEKeySpec(passphrase.get())), info.getAlgParameters());
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    cipher.doFinal(info.getEncryptedData())));
        } catch (BadPaddingException | java.security.spec.InvalidKeySpecException e) {
            throw new TakedownException(TakedownException.Kind.FORBIDDEN, "wrong passphrase for the signing key in "
                    + directory);
        }
    }

    private static PublicKey readPublic(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Files.readAllBytes(file)));
    }

    @Override
    public String toString() {
        return "KeySlot[" + directory + (protectedAtRest() ? ", protected" : "") + "]";
    }

    static boolean sameKey(PublicKey a, PublicKey b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
