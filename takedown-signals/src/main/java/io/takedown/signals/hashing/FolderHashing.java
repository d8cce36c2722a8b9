package io.takedown.signals.hashing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Hashes many files on several threads and hands the results over in input order. At most
 * {@code 4 x threads} files are in flight, so memory stays flat on a folder of a million files.
 */
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
        if (threads == 1) {
            targets.forEach(target -> sink.accept(hashOne(target)));
            return;
        }
        int window = threads * 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "takedown-hash");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<FileHashes>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < targets.size() || !inFlight.isEmpty()) {
                while (next < targets.size() && inFlight.size() < window) {
                    HashTarget target = targets.get(next++);
                    inFlight.add(pool.submit(() -> hashOne(target)));
                }
                sink.accept(await(inFlight.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
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

    private static FileHashes await(Future<FileHashes> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed unexpectedly", e.getCause());
        }
    }
}
