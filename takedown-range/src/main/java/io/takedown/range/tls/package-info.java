/**
 * The range's own certificate authority: range hosts serve HTTPS with certificates it issues, and clients
 * that talk to the range trust this authority and nothing else. Keys live in memory for one run; nothing
 * here is ever trusted outside the range.
 */
package io.takedown.range.tls;
