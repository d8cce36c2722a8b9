package io.takedown.monitor.crawl;

import io.takedown.monitor.evidence.Exchange;
import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.evidence.WarcArchive;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierEntry;
import java.util.List;
import java.util.Map;

/**
 * Turns a fetched document into signals (hashes) and into what it contains (mail messages and their
 * attachments, files in packages), on the worker that fetched it. Implementations must be thread-safe and
 * must not throw for hostile content: a problem is a child row or a note, never a lost capture.
 */
public interface CaptureAnalyzer {

    /** Signals of the document itself, things inside it (rows without ids), and further links. */
    record Analysis(Map<String, String> signals, List<CaptureRow> children, List<Link> links) {
        public static final Analysis NONE = new Analysis(Map.of(), List.of(), List.of());
    }

    Analysis analyze(FrontierEntry entry, Exchange exchange, Extracted extracted, EvidenceRef ref, long cycle,
                     WarcArchive archive);

    CaptureAnalyzer NOTHING = (entry, exchange, extracted, ref, cycle, archive) -> Analysis.NONE;
}
