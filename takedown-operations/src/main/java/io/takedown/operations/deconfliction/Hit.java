package io.takedown.operations.deconfliction;

import java.time.Instant;

/** What an owning agency sees: one of its entries was hit by a planned target of an action day. */
public record Hit(String reference, long entryId, String entryValue, long actionId, String actionName,
                  String coordinator, Instant hHour, long targetId, String targetUrl, String status) {
}
