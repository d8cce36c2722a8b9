package io.takedown.monitor.capture;

import io.takedown.monitor.crawl.FirstBytes;
import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierEntry;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.signals.hashing.MediaTypeSniffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Builds the capture row of something found inside a capture: same evidence record, its own path. */
final class Children {

    private static final MediaTypeSniffer SNIFFER = new MediaTypeSniffer();

    private Children() {
    }

    static String sniff(byte[] content, String name) {
        Optional<String> plain = FirstBytes.sniff(content, FirstBytes.typeOfName(name));
        if (plain.isPresent()) {
            return plain.get();
        }
        int n = Math.min(content.length, MediaTypeSniffer.PREFIX_BYTES);
        return SNIFFER.sniff(Arrays.copyOf(content, n), n, name);
    }

    static CaptureRow row(FrontierEntry entry, EvidenceRef ref, long cycle, String path, String mediaType, long bytes,
                          Map<String, String> signals, String channel, Instant at) {
        String url = entry.url() + "!/" + path;
        return new CaptureRow(0, entry.outletId(), cycle, url, FrontierStore.canonical(entry.url()) + "!/" + path,
                entry.host(), at, 200, mediaType, "entry", bytes,
                Optional.ofNullable(signals.get("sha256")).map(s -> "sha256:" + s), ref.file(), ref.offset(),
                ref.length(), ref.recordId(), signals, channel, Optional.empty(), Optional.empty());
    }
}
