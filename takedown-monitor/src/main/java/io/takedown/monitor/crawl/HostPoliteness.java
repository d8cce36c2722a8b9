package io.takedown.monitor.crawl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-host limits: at most N fetches at once and a pause between the starts of two fetches. A worker
 * waiting for its host sleeps (a virtual thread costs nothing while it waits).
 */
final class HostPoliteness {

    private final int perHost;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    HostPoliteness(int perHost) {
        this.perHost = perHost;
    }

    private static final class Host {
        final Semaphore slots;
        long nextStartNanos;
        volatile long delayNanos;

        Host(int permits) {
            slots = new Semaphore(permits, true);
        }
    }

    /** Sets a host's pause (e.g. from its robots.txt). */
    void delay(String host, Duration delay) {
        hosts.computeIfAbsent(host, h -> new Host(perHost)).delayNanos = delay.toNanos();
    }

    /** Waits for a slot of the host and its pause; the caller must {@link #release} afterwards. */
    void acquire(String host) throws InterruptedException {
        Host h = hosts.computeIfAbsent(host, k -> new Host(perHost));
        h.slots.acquire();
        long wait;
        synchronized (h) {
            long now = System.nanoTime();
            long start = Math.max(now, h.nextStartNanos);
            h.nextStartNanos = start + h.delayNanos;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                h.slots.release();
                throw e;
            }
        }
    }

    void release(String host) {
        Host h = hosts.get(host);
        if (h != null) {
            h.slots.release();
        }
    }
}
