package io.takedown.signals;

import java.security.MessageDigest;

/**
 * A signal computed by a streaming digest over the file's bytes. File hashing feeds every digest from one
 * read of the file, so adding a digest costs no extra I/O.
 */
public interface DigestHasher {

    /** A fresh digest; one per file. */
    MessageDigest newDigest();

    /** The signal's value from the finished digest. */
    String fromDigest(byte[] digest);

    /**
     * Whether the signal describes a file of this sniffed media type ({@code video/mp4}); the digest is fed
     * in the same read either way, the value kept only where it applies. Default: every file.
     */
    default boolean appliesTo(String mediaType) {
        return true;
    }
}
