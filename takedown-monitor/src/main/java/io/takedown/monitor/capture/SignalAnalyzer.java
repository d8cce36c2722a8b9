package io.takedown.monitor.capture;

import io.takedown.monitor.crawl.CaptureAnalyzer;
import io.takedown.monitor.evidence.Exchange;
import io.takedown.monitor.crawl.Extracted;
import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.evidence.WarcArchive;
import io.takedown.monitor.frontier.FrontierEntry;
import java.util.List;
import java.util.Map;

/**
 * Hashes every captured document (images, page text, files) and opens the channels inside documents:
 * newsletters (mail) and extension or app packages, whose parts become child captures of their own.
 */
public final class SignalAnalyzer implements CaptureAnalyzer {

    private final ContentSignals signals = new ContentSignals();
    private final List<ChannelReader> channels;

    public SignalAnalyzer(List<ChannelReader> channels) {
        this.channels = List.copyOf(channels);
    }

    @Override
    public Analysis analyze(FrontierEntry entry, Exchange exchange, Extracted extracted, EvidenceRef ref, long cycle,
                            WarcArchive archive) {
        return analyze(entry, exchange.body(), extracted, ref, cycle);
    }

    /** The same for content that did not come over HTTP (a file handed in). */
    public Analysis analyze(FrontierEntry entry, byte[] body, Extracted extracted, EvidenceRef ref, long cycle) {
        Map<String, String> own = signals.of(body, extracted.mediaType(), extracted.text(), entry.url());
        for (ChannelReader reader : channels) {
            if (reader.accepts(extracted)) {
                ChannelReader.Contents contents = reader.read(entry, body, ref, cycle, signals);
                java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(own);
                merged.putAll(contents.signals());
                return new Analysis(merged, contents.children(), contents.links());
            }
        }
        return new Analysis(own, List.of(), List.of());
    }
}
