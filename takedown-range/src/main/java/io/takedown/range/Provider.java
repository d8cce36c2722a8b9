package io.takedown.range;

/**
 * A simulated hosting provider, listening on its own loopback address when the range is served.
 *
 * @param id stable id, e.g. {@code provider-02}
 * @param country ISO 3166 code of its (fictional) establishment, for cross-border scrutiny
 * @param address an address in 127.0.0.0/8
 */
public record Provider(String id, String name, String country, Behaviour behaviour, String address) {
}
