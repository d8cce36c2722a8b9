package io.takedown.operations.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends an action day's shots, all at once. Implementations deliver through the order workflow (signed,
 * with its idempotency and receipt rules), never beside it.
 */
@FunctionalInterface
public interface Dispatcher {

    /**
     * Ahead of H-hour: makes ready what can be (documents loaded, connections to the recipients opened), so
     * that H-hour only releases. Optional; {@link Strike} calls it when nobody did.
     */
    default void prepare(long actionId) {
    }

    /** Whether {@link #prepare} already ran for this action day. */
    default boolean prepared(long actionId) {
        return false;
    }

    /**
     * Inside the strike's decision transaction: the documents of {@code notFired} orders (id → reason) are taken
     * back, everything else held for the action day becomes due at once.
     */
    default void release(Connection connection, long actionId, Map<Long, String> notFired, String by, Instant now)
            throws SQLException {
    }

    /** Hands every shot over at the same moment and waits until each has a result. */
    List<ShotResult> fire(List<Shot> shots);
}
