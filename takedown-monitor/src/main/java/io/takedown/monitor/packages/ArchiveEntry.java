package io.takedown.monitor.packages;

import java.util.Optional;

/**
 * A file found in a package, or a refused entry.
 *
 * @param path inside the package; nested archives as {@code inner.zip!/file}
 * @param content the bytes; empty when refused
 * @param refused why the entry was not read (traversal name, symbolic link, bomb, over a limit)
 */
public record ArchiveEntry(String path, byte[] content, Optional<String> refused) {
}
