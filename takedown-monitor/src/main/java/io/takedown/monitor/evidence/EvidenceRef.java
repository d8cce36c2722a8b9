package io.takedown.monitor.evidence;

/**
 * Where a capture's record sits: a WARC file of the archive, the byte offset and length of the record's
 * gzip member in it, and the record's WARC-Record-ID. Rendered as {@code warc:FILE#OFFSET:LENGTH;ID}, the
 * form case items carry.
 */
public record EvidenceRef(String file, long offset, long length, String recordId) {

    public String render() {
        return "warc:" + file + "#" + offset + ":" + length + ";" + recordId;
    }

    /** Parses {@link #render()}'s form. */
    public static EvidenceRef parse(String text) {
        if (!text.startsWith("warc:")) {
            throw new IllegalArgumentException("not a WARC evidence reference: " + text);
        }
        int hash = text.indexOf('#');
        int colon = text.indexOf(':', hash);
        int semi = text.indexOf(';', colon);
        if (hash < 0 || colon < 0 || semi < 0) {
            throw new IllegalArgumentException("not a WARC evidence reference: " + text);
        }
        return new EvidenceRef(text.substring(5, hash), Long.parseLong(text.substring(hash + 1, colon)),
                Long.parseLong(text.substring(colon + 1, semi)), text.substring(semi + 1));
    }
}
