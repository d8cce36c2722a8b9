package io.takedown.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Work that waits on loopback I/O, a few at a time on virtual threads, results in input order. */
final class Parallel {

    private Parallel() {
    }

    static <T, R> List<R> map(List<T> inputs, int concurrency, Function<T, R> work) {
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        return work.apply(input);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
