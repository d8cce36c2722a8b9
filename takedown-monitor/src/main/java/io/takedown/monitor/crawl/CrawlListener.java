package io.takedown.monitor.crawl;

import io.takedown.monitor.frontier.CaptureRow;
import java.util.List;

/** Told about committed captures (to match them against the banks) and about progress. */
public interface CrawlListener {

    /** Called after each committed batch, on the committing thread, with the stored rows. */
    default void committed(List<CaptureRow> captures) {
    }

    /** Called after each committed batch with the running count of finished URLs. */
    default void progress(long finished, long queuedAtLeast) {
    }

    CrawlListener NONE = new CrawlListener() {
    };
}
