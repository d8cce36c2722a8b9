package io.takedown.orders;

import io.takedown.cases.Agency;

/** Delivers a signed order to a provider's endpoint; the CLI delivers to range providers on loopback. */
@FunctionalInterface
public interface Transmitter {

    /** Delivers; returns the provider's answer (recorded as an order event). Throws on failure. */
    String deliver(Agency provider, String signedOrder) throws Exception;

    Transmitter NONE = (provider, order) -> "not transmitted (no endpoint)";
}
