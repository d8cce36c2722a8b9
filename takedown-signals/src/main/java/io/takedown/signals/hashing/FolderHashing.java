package io.takedown.signals.hashing;

import io.takedown.core.InOrder;
import java.util.List;
import java.util.function.Consumer;

/** Hashes many files on several threads and hands the results over in input order ({@link InOrder}). */
public final class FolderHashing {

    private final FileHasher hasher;
    private final int threads;

    public FolderHashing(FileHasher hasher, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.hasher = hasher;
        this.threads = threads;
    }

    /**
     * Hashes every target; {@code sink} receives each result in the order of {@code targets}, on the
     * calling thread.
     */
    public void hashAll(List<HashTarget> targets, Consumer<FileHashes> sink) {
        InOrder.map(targets.iterator(), threads, "takedown-hash", this::hashOne, sink);
    }

    private FileHashes hashOne(HashTarget target) {
        if (target.problem().isPresent()) {
            return FileHashes.failed(target.displayPath(), target.problem().get());
        }
        try {
            return hasher.hash(target.file(), target.displayPath());
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in one codec must not end a run over a million files; the row says what happened.
            return FileHashes.failed(target.displayPath(), "internal error: " + e);
        }
    }
}
