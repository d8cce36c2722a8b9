package io.takedown.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Work on many threads, results in input order: at most {@code 4 x threads} items are in flight, so
 * memory stays flat over millions of inputs, and the output is the same whatever the thread count.
 */
public final class InOrder {

    private InOrder() {
    }

    /**
     * Applies {@code work} to every input on {@code threads} threads; {@code sink} receives the results in
     * input order, on the calling thread. An exception thrown by {@code work} ends the run and is rethrown.
     */
    public static <I, O> void map(Iterator<I> inputs, int threads, String threadName, Function<I, O> work,
                                  Consumer<O> sink) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (threads == 1) {
            inputs.forEachRemaining(input -> sink.accept(work.apply(input)));
            return;
        }
        int window = threads * 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<O>> inFlight = new ArrayDeque<>();
            while (inputs.hasNext() || !inFlight.isEmpty()) {
                while (inputs.hasNext() && inFlight.size() < window) {
                    I input = inputs.next();
                    inFlight.add(pool.submit(() -> work.apply(input)));
                }
                sink.accept(await(inFlight.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <O> O await(Future<O> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
