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
}
