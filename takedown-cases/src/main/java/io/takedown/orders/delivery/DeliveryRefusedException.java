package io.takedown.orders.delivery;

import io.takedown.core.TakedownException;

/** An endpoint outside the allowlist, or not HTTPS: nothing was sent, and retrying will not help. */
public final class DeliveryRefusedException extends TakedownException {
    public DeliveryRefusedException(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
