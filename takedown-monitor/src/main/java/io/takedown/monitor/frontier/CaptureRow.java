package io.takedown.monitor.frontier;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One captured thing as the store keeps it: a fetched URL (channel {@code web}) or something found inside
 * one (a mail attachment, a file in a package), with its evidence reference and signals. Other lines
 * (mirror detection, resurfacing) query captures by host, URL and time.
 *
 * @param kind response, revisit, failed, or entry (inside another capture)
 * @param parentId the capture this one was found inside
 */
public record CaptureRow(long id, long outletId, long cycle, String url, String canonicalUrl, String host,
                         Instant fetchedAt, int status, String mediaType, String kind, long bytes,
                         Optional<String> payloadDigest, String warcFile, long warcOffset, long warcLength,
                         String recordId, Map<String, String> signals, String channel, Optional<Long> parentId,
                         Optional<Long> auditSeq) {

    /** The evidence reference in the form case items carry. */
    public String evidenceRef() {
        return "warc:" + warcFile + "#" + warcOffset + ":" + warcLength + ";" + recordId
                + (kind.equals("entry") ? "!" + url.substring(url.indexOf("!/") + 2) : "");
    }
}
