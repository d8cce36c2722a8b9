package io.takedown.monitor.ingest;

import io.takedown.monitor.frontier.CaptureRow;
import java.nio.file.Path;
import java.util.List;

/**
 * What an ingest did.
 *
 * @param captured one capture per file taken, in the order given
 * @param inside things found inside those files (messages, attachments, package files), each hashed
 * @param refused files not taken, with the reason
 * @param matched captures looked up against the banks; {@code hits} of them matched
 */
public record IngestSummary(List<CaptureRow> captured, long inside, List<Refused> refused, long matched, long hits,
                            long caseItems) {

    public IngestSummary {
        captured = List.copyOf(captured);
        refused = List.copyOf(refused);
    }

    /** A file that was not taken, and why. */
    public record Refused(Path file, String reason) {
    }
}
