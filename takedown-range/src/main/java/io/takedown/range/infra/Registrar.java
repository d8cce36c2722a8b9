package io.takedown.range.infra;

/**
 * A fictional domain registrar.
 *
 * @param ignoresOrders true for a registrar that never suspends a domain on request
 */
public record Registrar(String id, String name, String country, boolean ignoresOrders) {
}
