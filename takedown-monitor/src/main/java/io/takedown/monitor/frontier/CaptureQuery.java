package io.takedown.monitor.frontier;

import java.time.Instant;
import java.util.Optional;

/** A filter over captures: by host, canonical URL, time, outlet, cycle or payload digest. */
public record CaptureQuery(Optional<String> host, Optional<String> canonicalUrl, Optional<Instant> since,
                           Optional<Long> outletId, Optional<Long> cycle, Optional<String> payloadDigest) {

    public static CaptureQuery all() {
        return new CaptureQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public CaptureQuery host(String value) {
        return new CaptureQuery(Optional.of(value), canonicalUrl, since, outletId, cycle, payloadDigest);
    }

    public CaptureQuery url(String value) {
        return new CaptureQuery(host, Optional.of(FrontierStore.canonical(value)), since, outletId, cycle, payloadDigest);
    }

    public CaptureQuery since(Instant value) {
        return new CaptureQuery(host, canonicalUrl, Optional.of(value), outletId, cycle, payloadDigest);
    }

    public CaptureQuery outlet(long value) {
        return new CaptureQuery(host, canonicalUrl, since, Optional.of(value), cycle, payloadDigest);
    }

    public CaptureQuery cycle(long value) {
        return new CaptureQuery(host, canonicalUrl, since, outletId, Optional.of(value), payloadDigest);
    }

    public CaptureQuery digest(String value) {
        return new CaptureQuery(host, canonicalUrl, since, outletId, cycle, Optional.of(value));
    }
}
