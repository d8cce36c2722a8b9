/**
 * Binary snapshot files of the indexes: little-endian arrays behind a running CRC32C, written to a temporary
 * file, forced to disk and renamed into place, so a reader sees the previous file or the new one, whole.
 */
package io.takedown.index.snapshot;
