package io.takedown.operations.dispatch;

import java.util.List;

/**
 * Sends an action day's shots, all at once. Implementations deliver through the order workflow (signed,
 * with its idempotency and receipt rules), never beside it.
 */
@FunctionalInterface
public interface Dispatcher {

    /** Hands every shot over at the same moment and waits until each has a result. */
    List<ShotResult> fire(List<Shot> shots);
}
