package io.takedown.audit.tlog;

import io.takedown.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A trusted public key for notes, as a C2SP verifier key ({@code name+hex(key ID)+base64(type ‖ key)}).
 * Two types: {@link #ED25519} signs notes (a log's checkpoints), {@link #COSIGNATURE_V1} is a witness's
 * timestamped Ed25519 cosignature of a checkpoint (C2SP tlog-cosignature).
 */
public record NoteVerifier(String name, int type, PublicKey key) {

    public static final int ED25519 = 0x01;
    public static final int COSIGNATURE_V1 = 0x04;

    public NoteVerifier {
        Note.checkKeyName(name);
        if (type != ED25519 && type != COSIGNATURE_V1) {
            throw new InvalidInputException("vkey", "unsupported signature type 0x" + Integer.toHexString(type));
        }
    }

    /** SHA-256(name ‖ 0x0A ‖ type ‖ 32-byte public key)[:4], as both specifications compute it. */
    public static int keyId(String name, int type, PublicKey key) {
        MessageDigest digest = Merkle.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x0A);
        digest.update((byte) type);
        byte[] hash = digest.digest(Ed25519.raw(key));
        return ByteBuffer.wrap(hash, 0, 4).getInt();
    }

    public int keyId() {
        return keyId(name, type, key);
    }

    public String keyIdHex() {
        return HexFormat.of().toHexDigits(keyId());
    }

    public boolean matches(NoteSignature signature) {
        return signature.keyName().equals(name) && signature.keyId() == keyId();
    }

    /** Checks {@code signature} (already matched by name and ID) over the note {@code text}. */
    public boolean verify(String text, NoteSignature signature) {
        byte[] bytes = signature.signature();
        if (type == ED25519) {
            return Ed25519.verify(key, text.getBytes(StandardCharsets.UTF_8), bytes);
        }
        if (bytes.length != 8 + 64) {
            return false;
        }
        long timestamp = ByteBuffer.wrap(bytes, 0, 8).getLong();
        if (timestamp < 0) {
            return false;
        }
        return Ed25519.verify(key, cosignedMessage(text, timestamp), Arrays.copyOfRange(bytes, 8, bytes.length));
    }

    /** The message a cosignature/v1 signs: header, time line, then the checkpoint text. */
    static byte[] cosignedMessage(String text, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /** The cosignature's time stamp (POSIX seconds), for a cosignature this verifier matches. */
    public static long cosignatureTime(NoteSignature signature) {
        byte[] bytes = signature.signature();
        return bytes.length == 72 ? ByteBuffer.wrap(bytes, 0, 8).getLong() : -1;
    }

    /** The vkey text. */
    public String encode() {
        byte[] material = ByteBuffer.allocate(33).put((byte) type).put(Ed25519.raw(key)).array();
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(material);
    }

    public static NoteVerifier parse(String vkey) {
        String trimmed = vkey.strip();
        String[] parts = trimmed.split("\\+", 3);
        if (parts.length != 3) {
            throw new InvalidInputException("vkey", "expected name+keyid+key, got '" + Note.abbreviate(trimmed) + "'");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("vkey", "key is not base64");
        }
        if (material.length != 33) {
            throw new InvalidInputException("vkey", "expected a type byte and a 32-byte Ed25519 key");
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], material[0] & 0xff,
                Ed25519.publicKey(Arrays.copyOfRange(material, 1, 33)));
        if (!verifier.keyIdHex().equalsIgnoreCase(parts[1])) {
            throw new InvalidInputException("vkey", "key ID " + parts[1] + " does not match the key ("
                    + verifier.keyIdHex() + ")");
        }
        return verifier;
    }

    @Override
    public String toString() {
        return encode();
    }
}
