package io.takedown.signals;

import io.takedown.core.Hex;
import io.takedown.core.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;

/**
 * Shared shape of cryptographic file digests: lowercase hex of a fixed length, exact match only.
 * A cryptographic digest catches byte-identical copies and nothing else: one changed byte, a re-encode or
 * a metadata strip defeats it, which is why perceptual signals exist beside it.
 */
public abstract class HexDigestSignalType implements SignalType, DigestHasher {

    private final String name;
    private final String algorithm;
    private final int hexDigits;
    private final Set<ContentType> contentTypes;

    protected HexDigestSignalType(String name, String algorithm, int hexDigits) {
        this(name, algorithm, hexDigits, Set.of(ContentType.FILE, ContentType.PHOTO, ContentType.VIDEO, ContentType.TEXT));
    }

    protected HexDigestSignalType(String name, String algorithm, int hexDigits, Set<ContentType> contentTypes) {
        this.name = name;
        this.algorithm = algorithm;
        this.hexDigits = hexDigits;
        this.contentTypes = Set.copyOf(contentTypes);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<ContentType> contentTypes() {
        return contentTypes;
    }

    @Override
    public final String validate(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (!Hex.isHex(trimmed, hexDigits)) {
            throw new InvalidInputException(null, "a " + name + " signal is " + hexDigits + " hex digits, got '"
                    + abbreviate(trimmed) + "'");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    @Override
    public final MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    @Override
    public final String fromDigest(byte[] digest) {
        return Hex.encode(digest);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
