package io.takedown.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One audit record. It is a leaf of the log's Merkle tree ({@link #leafData()}), and its {@code hash} also
 * chains it to the entry before, so changing, removing or reordering any entry shows from that point on.
 */
public record AuditEntry(long seq, Instant at, String actor, String agency, String action, String subject,
                         String detail, String previousHash, String hash) {

    public static final String GENESIS = "0".repeat(64);

    /** The leaf data header: names the encoding, so a later one cannot be confused with it. */
    public static final String LEAF_HEADER = "takedown-audit-entry/v1";

    /**
     * The bytes the log's Merkle tree hashes as this entry's leaf (leaf hash = SHA-256(0x00 ‖ these)): the
     * header line, then seq, at, actor, agency, action, subject and detail, each as its UTF-8 byte length, a
     * colon, the bytes and a newline. A court recomputes it from the printed entry.
     */
    public byte[] leafData() {
        return leafData(seq, io.takedown.store.Timestamps.format(at), actor, agency, action, subject, detail);
    }

    public static byte[] leafData(long seq, String at, String actor, String agency, String action, String subject,
                                  String detail) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes((LEAF_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (String field : new String[] {Long.toString(seq), at, actor, agency, action, subject,
            detail == null ? "" : detail}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Reads back what {@link #leafData()} wrote (a tlog-proof carries it as extra data); empty if malformed. */
    public static java.util.Optional<AuditEntry> fromLeafData(byte[] data) {
        byte[] header = (LEAF_HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        if (data.length < header.length || !java.util.Arrays.equals(data, 0, header.length, header, 0, header.length)) {
            return java.util.Optional.empty();
        }
        String[] fields = new String[7];
        int at = header.length;
        for (int i = 0; i < fields.length; i++) {
            int colon = at;
            while (colon < data.length && colon - at <= 10 && data[colon] != ':') {
                colon++;
            }
            if (colon >= data.length || data[colon] != ':' || colon == at) {
                return java.util.Optional.empty();
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, colon - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
            long end = (long) colon + 1 + length;
            if (length < 0 || end >= data.length || data[(int) end] != '\n') {
                return java.util.Optional.empty();
            }
            fields[i] = new String(data, colon + 1, length, StandardCharsets.UTF_8);
            at = (int) end + 1;
        }
        if (at != data.length) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new AuditEntry(Long.parseLong(fields[0]), Instant.parse(fields[1]), fields[2],
                    fields[3], fields[4], fields[5], fields[6].isEmpty() ? null : fields[6], "", ""));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

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
