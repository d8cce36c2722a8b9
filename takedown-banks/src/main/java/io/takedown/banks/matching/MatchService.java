package io.takedown.banks.matching;

import io.takedown.banks.Bank;
import io.takedown.banks.BankEntry;
import io.takedown.banks.BankListener;
import io.takedown.banks.BankStore;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived matching service: one index over every active bank entry, kept beside the store as a
 * snapshot that records the store version it reflects, and brought up to date from the bank changes committed
 * after that version. The CLI, the monitor, the demo and the server all match through it.
 *
 * <p>Start: the snapshot is loaded (tables included, no rebuild) and checked against the store (the token of
 * its version must be the store's); then the changes since are applied. The index is built from the store
 * only when the snapshot is missing, damaged or belongs to another history, and then written at once, so it
 * happens once, with a message.
 *
 * <p>Staying current: {@link #refresh()} applies the changes committed since the index's version (several
 * processes over one PostgreSQL each catch up on their own). Unless {@link #follow} polls in the background,
 * every match first asks the store for its version (one small query) so a process always sees what was
 * committed before its query. Bank events from this process only mark the index stale: their content is never
 * applied, because events can arrive late or out of order; the store's change feed is the record.
 *
 * <p>Queries never write: a flood-guard quarantine is handed to a background writer.
 */
public final class MatchService implements AutoCloseable {

    /** Folder of the snapshot inside the data directory. */
    public static final String DIRECTORY = "index";
    public static final String SNAPSHOT = "bank-index.snap";
    /** Entry changes applied in memory after which a snapshot is worth rewriting (or a tenth of the index). */
    static final long CHECKPOINT_MIN_CHANGES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(MatchService.class);

    private final BankStore store;
    private final Path file;
    private final Clock clock;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private final BankListener listener = new StaleOnEvent();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(daemon("takedown-flood-quarantine"));
    private final Set<Long> quarantining = ConcurrentHashMap.newKeySet();

    private volatile BankIndex index;
    private volatile long version;
    private volatile String token;
    private volatile Map<String, Bank> banks = Map.of();
    private volatile boolean stale;
    private volatile Instant updatedAt;
    private volatile Instant checkedAt;
    private volatile String opened;
    private volatile String problem;
    private volatile ScheduledExecutorService follower;
    // What this process knows of the snapshot on disk; guarded by refreshLock.
    private long snapshotVersion = -1;
    private Instant snapshotWrittenAt;
    private long snapshotBytes;
    private long changesSinceSnapshot;
    private boolean tookOwnChanges;

    private MatchService(BankStore store, Path directory, Clock clock) {
        this.store = store;
        this.file = directory.resolve(SNAPSHOT);
        this.clock = clock;
    }

    /**
     * Opens the service over {@code store} with its snapshot in {@code directory}: loads (or, when there is
     * no usable snapshot, builds and writes) the index and catches up.
     */
    public static MatchService open(BankStore store, Path directory, Clock clock) {
        MatchService service = new MatchService(store, directory, clock);
        store.addListener(service.listener); // before loading: no change can fall between load and listening
        try {
            service.start();
        } catch (RuntimeException e) {
            store.removeListener(service.listener);
            service.writer.shutdownNow();
            throw e;
        }
        return service;
    }

    private void start() {
        long started = System.nanoTime();
        Optional<String> unusable;
        IndexSnapshot.Loaded loaded = null;
        try {
            loaded = IndexSnapshot.read(file);
            unusable = checkHistory(loaded.header());
        } catch (NoSuchFileException e) {
            unusable = Optional.of("missing");
        } catch (InvalidInputException e) {
            unusable = Optional.of(e.reason());
        } catch (TakedownException e) {
            if (e.kind() != TakedownException.Kind.IO) {
                throw e;
            }
            unusable = Optional.of(e.getMessage());
        }
        if (unusable.isPresent()) {
            rebuild(unusable.get());
        } else {
            refreshLock.lock();
            try {
                install(loaded.index(), loaded.header().version(), loaded.header().token());
                snapshotVersion = loaded.header().version();
                snapshotWrittenAt = loaded.header().writtenAt();
                snapshotBytes = loaded.bytes();
                opened = String.format(java.util.Locale.ROOT, "loaded snapshot at version %d in %.2f s", version,
                        (System.nanoTime() - started) / 1e9);
            } finally {
                refreshLock.unlock();
            }
        }
        refresh();
        checkpointIfWorthIt();
        sweepTemporaryFiles();
    }

    /** Removes what writers that died left behind, unless another writer is at work right now. */
    private void sweepTemporaryFiles() {
        if (!Files.isDirectory(file.getParent())) {
            return;
        }
        try (FileChannel lockFile = FileChannel.open(file.resolveSibling(SNAPSHOT + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.tryLock();
            if (lock != null) {
                try {
                    removeTemporaryFiles();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException | OverlappingFileLockException e) {
            LOG.debug("cannot sweep temporary snapshot files: {}", e.getMessage());
        }
    }

    /** Empty when the snapshot's history is this store's; else why it cannot be used. */
    private Optional<String> checkHistory(IndexSnapshot.Header header) {
        long storeVersion = store.version();
        if (header.version() > storeVersion) {
            return Optional.of("it reflects version " + header.version() + " but the store is at " + storeVersion
                    + " (a restored backup or another database)");
        }
        Optional<String> storeToken = store.changeToken(header.version());
        if (storeToken.isEmpty() || !storeToken.get().equals(header.token())) {
            return Optional.of("it was built from another history than this store's (another database, or a "
                    + "restored backup that changed since)");
        }
        return Optional.empty();
    }

    /** Builds the index from every active entry, swaps it in and writes the snapshot at once. */
    private void rebuild(String reason) {
        refreshLock.lock();
        try {
            long started = System.nanoTime();
            boolean missing = reason.equals("missing");
            if (missing) {
                LOG.info("no bank index snapshot at {}: building it from the store", file);
            } else {
                LOG.warn("bank index snapshot {} cannot be used ({}): rebuilding it from the store", file, reason);
            }
            BankIndex fresh = BankIndex.empty();
            BankIndex.Applier applier = fresh.applier(store.changeVolume(-1));
            long built = store.activeSignals(applier::accept);
            int[] counts = applier.finish();
            install(fresh, built, store.changeToken(built).orElseThrow());
            changesSinceSnapshot = counts[0];
            snapshotVersion = -1;
            String message = String.format(java.util.Locale.ROOT, "%s %,d entries at version %d from the store in %.2f s",
                    missing ? "built" : "rebuilt", counts[0], built, (System.nanoTime() - started) / 1e9);
            opened = missing ? message : message + " (snapshot unusable: " + reason + ")";
            if (!missing || counts[0] > 0) {
                // Once per missing or unusable snapshot; an empty store's first index is not worth a word.
                LOG.warn("bank index {}; saving it as {}", message, file);
            }
            writeSnapshot();
        } finally {
            refreshLock.unlock();
        }
    }

    private void install(BankIndex fresh, long at, String tokenAt) {
        index = fresh;
        version = at;
        token = tokenAt;
        banks = loadBanks();
        updatedAt = clock.instant();
        checkedAt = updatedAt;
    }

    private Map<String, Bank> loadBanks() {
        Map<String, Bank> byName = new HashMap<>();
        store.banks().forEach(bank -> byName.put(bank.name(), bank));
        return Map.copyOf(byName);
    }

    // ------------------------------------------------------------------ staying current

    /**
     * Applies every bank change committed since the index's version. Cheap when nothing changed (one query
     * for the store's version); safe to call from any thread, one catch-up at a time.
     */
    public RefreshResult refresh() {
        refreshLock.lock();
        try {
            long from = version;
            long storeVersion = store.version();
            checkedAt = clock.instant();
            if (storeVersion == from && !stale) {
                return new RefreshResult(from, from, 0, 0);
            }
            if (storeVersion < from || !store.changeToken(from).map(token::equals).orElse(false)) {
                rebuild("the store's history no longer contains the index's version " + from
                        + " (a restored backup or another database)");
                return new RefreshResult(from, version, 0, 0);
            }
            stale = false; // cleared before reading: an event for a later commit marks it again
            BankIndex.Applier applier = index.applier(store.changeVolume(from));
            long to = store.changesSince(from, applier::accept);
            int[] counts = applier.finish();
            version = to;
            token = store.changeToken(to).orElseThrow();
            banks = loadBanks();
            updatedAt = clock.instant();
            changesSinceSnapshot += counts[0] + counts[1];
            return new RefreshResult(from, to, counts[0], counts[1]);
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * A record for the changes this process is about to commit in bulk (an import), starting at the index's
     * current version; give it to {@link #refresh(OwnChanges)} afterwards.
     */
    public OwnChanges ownChanges() {
        return new OwnChanges(version);
    }

    /**
     * {@link #refresh()}, taking the import's own changes as they are when they are all that happened since the
     * index's version (the same entries the store's feed would give, without reading them back); otherwise a
     * plain catch-up from the store.
     */
    public RefreshResult refresh(OwnChanges own) {
        refreshLock.lock();
        try {
            long from = version;
            stale = false; // cleared before reading: an event for a later commit marks it again
            long storeVersion = store.version();
            if (!own.complete(from, storeVersion) || !store.changeToken(from).map(token::equals).orElse(false)) {
                tookOwnChanges = false;
                return refresh();
            }
            checkedAt = clock.instant();
            BankIndex.Applier applier = index.applier(0);
            own.applyTo(applier);
            tookOwnChanges = true;
            int[] counts = applier.finish();
            version = own.last();
            token = store.changeToken(version).orElseThrow();
            banks = loadBanks();
            updatedAt = clock.instant();
            changesSinceSnapshot += counts[0] + counts[1];
            return new RefreshResult(from, version, counts[0], counts[1]);
        } finally {
            refreshLock.unlock();
        }
    }

    /** Whether the last {@link #refresh(OwnChanges)} took the changes as given (tests ask). */
    boolean tookOwnChanges() {
        refreshLock.lock();
        try {
            return tookOwnChanges;
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * Polls the store every {@code interval} in the background (catch-up, then a snapshot when enough
     * changed); queries then no longer ask the store for its version, so they see changes from other processes
     * within one interval (changes made in this process are seen at once). The server calls this.
     */
    public synchronized void follow(Duration interval) {
        if (follower != null) {
            follower.shutdownNow();
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("takedown-index-follow"));
        scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        follower = scheduler;
    }

    private void poll() {
        try {
            refresh();
            checkpointIfWorthIt();
            problem = index.pdq.mergeFailure().map(t -> "PDQ index merge failed: " + t).orElse(null);
        } catch (RuntimeException e) {
            problem = "catching up failed: " + e.getMessage();
            LOG.warn("bank index: {}", problem);
        }
    }

    /**
     * After a query's read: whether the index must catch up and the query run again. Without a follower, when
     * the store moved past the index (a process always sees what was committed before its query); with one,
     * only when this process changed a bank since (other processes' changes arrive with the next poll).
     */
    boolean mustCatchUp(long indexVersion, long storeVersion) {
        return stale || follower == null && storeVersion != indexVersion;
    }

    /** The candidates' entries and the store version, in one read. */
    BankStore.VersionedEntries read(Collection<Long> ids) {
        if (ids.isEmpty() && follower != null && !stale) {
            return new BankStore.VersionedEntries(version, List.of()); // a lookup without candidates costs no read
        }
        return store.entriesWithVersion(ids);
    }

    // ------------------------------------------------------------------ snapshots

    /** Writes the snapshot now if the index moved since the last one; false when there was nothing to write. */
    public boolean checkpoint() {
        refreshLock.lock();
        try {
            return writeSnapshot();
        } finally {
            refreshLock.unlock();
        }
    }

    private void checkpointIfWorthIt() {
        refreshLock.lock();
        try {
            long threshold = Math.max(CHECKPOINT_MIN_CHANGES, indexSize() / 10);
            if (snapshotVersion < 0 || changesSinceSnapshot >= threshold) {
                writeSnapshot();
            }
        } finally {
            refreshLock.unlock();
        }
    }

    /** Caller holds the refresh lock, so the index does not move while it is written. */
    private boolean writeSnapshot() {
        if (snapshotVersion == version && changesSinceSnapshot == 0) {
            return false;
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lockFile = FileChannel.open(file.resolveSibling(SNAPSHOT + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = lockFile.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    LOG.debug("another writer holds {}; not writing the snapshot now", file);
                    return false;
                }
                try {
                    removeTemporaryFiles();
                    Optional<IndexSnapshot.Header> onDisk = IndexSnapshot.peek(file);
                    if (onDisk.isPresent() && onDisk.get().version() > version
                            && store.changeToken(onDisk.get().version()).map(onDisk.get().token()::equals).orElse(false)) {
                        return false; // another process wrote a newer one of the same history
                    }
                    Instant now = clock.instant();
                    long started = System.nanoTime();
                    snapshotBytes = IndexSnapshot.write(file, index, new IndexSnapshot.Header(version, token, now));
                    snapshotVersion = version;
                    snapshotWrittenAt = now;
                    changesSinceSnapshot = 0;
                    LOG.debug("wrote {} ({} bytes, version {}) in {} ms", file, snapshotBytes, version,
                            (System.nanoTime() - started) / 1_000_000);
                    return true;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException | TakedownException e) {
            // Matching goes on from memory; the next start catches up from the older snapshot.
            problem = "cannot write the index snapshot: " + e.getMessage();
            LOG.warn("bank index: {}", problem);
            return false;
        }
    }

    /** Temporary files of writers that died; only called while holding the snapshot lock. */
    private void removeTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(file.getParent(), SNAPSHOT + ".*.tmp")) {
            for (Path leftover : stale) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    // ------------------------------------------------------------------ queries and status

    /** A matcher with these settings over this service's index; cheap, share it or make one per use. */
    public Matcher matcher(MatchSettings settings) {
        return matcher(settings, clock);
    }

    /** The same on another clock (expiry and the flood guard's hours read it; the range's clock in the demo). */
    public Matcher matcher(MatchSettings settings, Clock on) {
        return new Matcher(this, store, settings, on);
    }

    /** Builds the index from the store again and writes the snapshot (an operator's repair; never needed). */
    public void rebuild() {
        rebuild("rebuild requested");
    }

    public IndexStatus status() {
        refreshLock.lock();
        try {
            return new IndexStatus(version, updatedAt, checkedAt, index.sizes(),
                    new IndexStatus.Snapshot(file, snapshotVersion, Optional.ofNullable(snapshotWrittenAt),
                            snapshotBytes, changesSinceSnapshot),
                    opened, Optional.ofNullable(problem).or(() -> index.pdq.mergeFailure().map(t -> "PDQ index merge "
                            + "failed: " + t)));
        } finally {
            refreshLock.unlock();
        }
    }

    /** The store version the index reflects. */
    public long version() {
        return version;
    }

    BankIndex index() {
        return index;
    }

    Bank bank(String name) {
        Bank bank = banks.get(name);
        if (bank == null) {
            banks = loadBanks(); // created after the last catch-up
            bank = banks.get(name);
        }
        return bank;
    }

    Collection<Bank> banks() {
        return banks.values();
    }

    /** True while a flood-guard quarantine of this entry is on its way to the store: it matches no more. */
    boolean quarantining(long entryId) {
        return quarantining.contains(entryId);
    }

    /** Quarantines the entry in the background; an entry removed or quarantined meanwhile is left as it is. */
    void quarantineLater(long entryId, String reason) {
        if (!quarantining.add(entryId)) {
            return;
        }
        writer.execute(() -> {
            try {
                store.quarantine(entryId, reason, "flood-guard");
            } catch (TakedownException e) {
                if (e.kind() == TakedownException.Kind.CONFLICT) {
                    LOG.debug("flood guard: entry {} changed before its quarantine: {}", entryId, e.getMessage());
                } else {
                    LOG.warn("flood guard: cannot quarantine entry {}: {}", entryId, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("flood guard: cannot quarantine entry {}", entryId, e);
            } finally {
                quarantining.remove(entryId);
            }
        });
    }

    /** Waits until queued quarantines are written (tests, and before a process ends). */
    public void flush() {
        try {
            writer.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("flood-guard writer did not finish", e);
        }
    }

    private long indexSize() {
        return index.sizes().values().stream().mapToLong(Integer::longValue).sum();
    }

    @Override
    public void close() {
        ScheduledExecutorService scheduler = follower;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        store.removeListener(listener);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("flood-guard quarantines still pending at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            checkpointIfWorthIt();
        } catch (RuntimeException e) {
            LOG.warn("bank index: cannot write the snapshot at close: {}", e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Any event means "the store moved"; the next query catches up from the store. */
    private final class StaleOnEvent implements BankListener {
        @Override
        public void entryActivated(BankEntry entry) {
            stale = true;
        }

        @Override
        public void entryDeactivated(BankEntry entry) {
            stale = true;
        }

        @Override
        public void entriesChanged(long seq) {
            stale = true;
        }

        @Override
        public void bankChanged(Bank bank) {
            stale = true;
        }
    }
}
