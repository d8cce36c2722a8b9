/**
 * Benchmarks that print tables for {@code docs/benchmarks.md}, each run side by side with its anchor (the
 * C++ PDQ reference, FAISS) in one process tree on one machine. Never timed assertions.
 */
package io.takedown.bench;
