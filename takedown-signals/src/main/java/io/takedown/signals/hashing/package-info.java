/**
 * Hashing files: one streamed read feeds every digest, the media type is sniffed from the first bytes, and
 * images are decoded once for all image signals. Failures are per file and never stop a folder.
 */
package io.takedown.signals.hashing;
