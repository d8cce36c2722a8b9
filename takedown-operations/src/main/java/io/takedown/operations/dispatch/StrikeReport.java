package io.takedown.operations.dispatch;

import java.time.Duration;
import java.util.Map;

/**
 * What a strike did.
 *
 * @param fired        targets handed to delivery in this run
 * @param delivered    of those, acknowledged by the provider
 * @param queued       of those, still in the outbox: retrying with backoff, or out of band
 * @param failed       of those, failed for good (the reason is on the target)
 * @param notFired     targets held back, by reason
 * @param alreadySent  targets a previous, interrupted run had already sent
 * @param spread       between the first and the last send of this run
 * @param p50          median send latency (request out to provider's answer)
 * @param p99          99th percentile of the same
 * @param elapsed      from the start of the strike (H-hour's decisions) to the last answer recorded
 * @param toFirstSend  from the start of the strike to the first send (decisions and release)
 */
public record StrikeReport(long actionId, int fired, int delivered, int queued, int failed, Map<String, Integer> notFired,
                           int alreadySent, Duration spread, Duration p50, Duration p99, Duration elapsed,
                           Duration toFirstSend) {

    public int notFiredTotal() {
        return notFired.values().stream().mapToInt(Integer::intValue).sum();
    }
}
