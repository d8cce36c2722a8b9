package io.takedown.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One audit record. Its hash covers every field and the previous entry's hash, so changing, removing or
 * reordering any entry breaks the chain from that point on.
 */
public record AuditEntry(long seq, Instant at, String actor, String agency, String action, String subject,
                         String detail, String previousHash, String hash) {

    public static final String GENESIS = "0".repeat(64);

    /** SHA-256 over length-prefixed fields, so no two different entries serialise alike. */
    public static String hashOf(long seq, String at, String actor, String agency, String action, String subject,
                                String detail, String previousHash) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), at, actor, agency, action, subject,
            detail == null ? "" : detail, previousHash}) {
            canonical.append(field.length()).append(':').append(field).append(';');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
