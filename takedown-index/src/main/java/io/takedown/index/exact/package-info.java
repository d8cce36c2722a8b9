/** Exact lookup of canonical signal values (digests, URLs). */
package io.takedown.index.exact;
