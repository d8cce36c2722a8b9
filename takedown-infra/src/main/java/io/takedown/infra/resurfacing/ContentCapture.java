package io.takedown.infra.resurfacing;

import io.takedown.signals.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Content seen at a URL by a crawl, with its signals (PDQ and digests of an image, the text fingerprint
 * of a page). The monitor's captures and the loopback crawler both produce these.
 *
 * @param address where the host resolved at the time, if known
 */
public record ContentCapture(String url, String host, Optional<String> address, Instant at, List<Signal> signals) {

    public ContentCapture {
        signals = List.copyOf(signals);
    }
}
