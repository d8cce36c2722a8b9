package io.takedown.server.matching;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.takedown.app.Takedown;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.Matcher;
import io.takedown.server.http.HttpProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's view of the process's long-lived match index ({@link io.takedown.banks.matching.MatchService}
 * from the composition root): opened in the background when the server starts, from its snapshot, so health
 * and the console answer at once; look-ups before it is ready get 503 ("index not yet ready", as HMA answers).
 * Once open it follows the store's bank changes every {@link #FOLLOW} (changes made through this server apply
 * at once), so no worker ever reloads the whole index.
 */
public final class MatchingService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MatchingService.class);

    /** How often the index catches up with bank changes made by other processes. */
    public static final java.time.Duration FOLLOW = java.time.Duration.ofSeconds(1);

    private final Takedown takedown;
    private volatile Matcher matcher;
    private volatile Instant loadedAt;
    private volatile Throwable failure;
    private CompletableFuture<Void> loading;

    public MatchingService(Takedown takedown) {
        this.takedown = takedown;
    }

    /** Starts loading the index; returns at once. */
    public synchronized void start() {
        if (loading == null) {
            loading = CompletableFuture.runAsync(this::load, command -> Thread.ofVirtual().name("matcher-load").start(command));
        }
    }

    private void load() {
        long start = System.nanoTime();
        try {
            takedown.matching().follow(FOLLOW);
            Matcher built = takedown.matcher(MatchSettings.DEFAULTS);
            loadedAt = Instant.now();
            matcher = built;
            LOG.info("matcher ready: {} entries in {} ms", built.indexedEntries(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("matcher failed to load", e);
        }
    }

    /** Waits for the index (tests, the bench); false when it did not load in time. */
    public boolean awaitReady(java.time.Duration timeout) {
        start();
        try {
            loading.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
        return matcher != null;
    }

    public boolean ready() {
        return matcher != null;
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<Instant> loadedAt() {
        return Optional.ofNullable(loadedAt);
    }

    public int size() {
        Matcher current = matcher;
        return current == null ? 0 : current.indexedEntries();
    }

    /** The matcher, or 503 while it loads. */
    public Matcher require() {
        Matcher current = matcher;
        if (current == null) {
            throw new HttpProblem(503, failure != null ? "index failed to load: " + failure.getMessage()
                    : "index not yet ready");
        }
        return current;
    }

    /** The index's status (version, sizes per signal type, snapshot), once it is open. */
    public Optional<io.takedown.banks.matching.IndexStatus> status() {
        if (matcher == null) {
            return Optional.empty();
        }
        takedown.matching().refresh(); // one version read when nothing changed
        return Optional.of(takedown.matching().status());
    }

    public List<MatchResult> match(MatchQuery query) {
        return require().match(query);
    }

    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("takedown.matcher.entries", this, MatchingService::size)
                .description("bank entries in the live match index").register(registry);
        Gauge.builder("takedown.matcher.ready", this, s -> s.ready() ? 1 : 0).register(registry);
    }

    @Override
    public void close() {
        Matcher current = matcher;
        if (current != null) {
            current.persistFloodMemory();
        }
    }
}
