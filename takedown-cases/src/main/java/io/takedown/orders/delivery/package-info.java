/**
 * Getting a signed document to a provider or an authority: HTTPS through {@code java.net.http} trusting
 * only configured anchors, to allowlisted endpoints only, with an idempotency key, and an answer that
 * counts as receipt only when it is a 2xx. Knows nothing of orders; the outbox relay
 * ({@link io.takedown.orders.OrderDelivery}) decides what to send and what a receipt means.
 */
package io.takedown.orders.delivery;
