package io.takedown.monitor.capture;

import io.takedown.monitor.crawl.Extracted;
import io.takedown.monitor.crawl.Link;
import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierEntry;
import java.util.List;
import java.util.Map;

/**
 * Opens one kind of channel container (a mail message or mailbox, an extension or app package) and lists
 * what is inside as child captures, each hashed. Hostile input yields a note, never an exception.
 */
public interface ChannelReader {

    /** Extra signals of the container (e.g. {@code error}), its parts, and hosts/URLs it names. */
    record Contents(Map<String, String> signals, List<CaptureRow> children, List<Link> links) {
    }

    boolean accepts(Extracted extracted);

    Contents read(FrontierEntry entry, byte[] body, EvidenceRef ref, long cycle, ContentSignals signals);
}
