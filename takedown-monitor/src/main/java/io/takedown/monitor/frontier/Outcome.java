package io.takedown.monitor.frontier;

import java.util.List;
import java.util.Optional;

/**
 * What became of one frontier entry, committed in one transaction with the others of its batch.
 *
 * @param done true when the URL is finished for this cycle (fetched, or failed for good)
 * @param capture the capture of the URL itself; empty when nothing was fetched
 * @param children things found inside the capture (attachments, package files), linked to it
 * @param discovered in-scope URLs the document links to
 */
public record Outcome(FrontierEntry entry, boolean done, Optional<String> error, Optional<CaptureRow> capture,
                      List<CaptureRow> children, List<Discovered> discovered) {

    public Outcome {
        children = List.copyOf(children);
        discovered = List.copyOf(discovered);
    }
}
