package io.takedown.range.infra;

/**
 * An outlet's account at a CDN operator. A fronted site resolves to the operator's edge address; its
 * origin provider is hidden from the outside.
 *
 * @param operator the CDN operator's name, also in the {@code Via} header of fronted responses
 * @param edgeAddress the loopback address the operator's edge answers on
 */
public record CdnAccount(String id, String operator, String edgeAddress, String outlet) {
}
