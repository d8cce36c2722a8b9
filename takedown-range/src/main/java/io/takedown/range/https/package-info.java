/**
 * The range's HTTPS endpoints (providers' notice endpoints, member states' authorities) on Jetty: HTTP/2 and
 * HTTP/1.1 negotiated by ALPN, certificates from the range's own authority, one thread pool for every
 * endpoint; and the provider gateway's check of signed documents against the issuing authorities' published
 * keys.
 */
package io.takedown.range.https;
