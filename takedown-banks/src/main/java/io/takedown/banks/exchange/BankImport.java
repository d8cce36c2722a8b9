package io.takedown.banks.exchange;

import io.takedown.banks.BankStore;
import io.takedown.banks.EntryBatch;
import io.takedown.banks.NewEntry;
import io.takedown.core.InvalidInputException;
import io.takedown.banks.matching.MatchService;
import io.takedown.banks.matching.OwnChanges;
import io.takedown.core.TakedownException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Imports exchange files into a bank as a stream: each file is read line by line (never held whole), good
 * rows go to the store in chunks (growing from {@link #FIRST_CHUNK} to {@link BankStore#IMPORT_CHUNK} entries),
 * one transaction per chunk, bad rows
 * are reported by line number as they are met, and at the end the matching index catches up (from the import's
 * own record of what it inserted when nothing else changed meanwhile, else from the store) and writes its
 * snapshot. A crash leaves the chunks committed so far; running the same import again adds the rest (values
 * already in the bank are skipped).
 */
public final class BankImport {

    /** Told how an import goes; progress and bad rows come from the thread that reads the file. */
    public interface Listener {
        /** {@code bytes} of {@code totalBytes} of the current file read, {@code rows} good rows so far (all files). */
        default void progress(Path file, long bytes, long totalBytes, long rows) {
        }

        default void badRow(Path file, ImportReport.RowError error) {
        }

        /** The import is written; the index is now catching up and writing its snapshot. */
        default void indexing() {
        }
    }

    /** One file's outcome. */
    public record FileResult(Path file, long added, long alreadyPresent, long badRows) {
    }

    /** The whole import's outcome, with the store version the index reached. */
    public record Result(List<FileResult> files, long added, long alreadyPresent, long badRows, long indexVersion,
                         Duration took) {
    }

    private final BankStore store;
    private final Supplier<MatchService> matching;
    private final int firstChunk;
    private final int chunk;

    public BankImport(BankStore store, Supplier<MatchService> matching) {
        this(store, matching, FIRST_CHUNK, BankStore.IMPORT_CHUNK);
    }

    BankImport(BankStore store, Supplier<MatchService> matching, int chunk) {
        this(store, matching, chunk, chunk);
    }

    BankImport(BankStore store, Supplier<MatchService> matching, int firstChunk, int chunk) {
        this.store = store;
        this.matching = matching;
        this.firstChunk = Math.min(firstChunk, chunk);
        this.chunk = chunk;
    }

    public Result importFiles(String bankName, List<Path> files, ExchangeFormat format, String defaultSignalType,
                              String actor, Listener listener) {
        long started = System.nanoTime();
        store.bank(bankName); // a missing bank fails before any file is read
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no such file: " + file);
            }
        }
        // Opened before the import so it starts from its snapshot and only catches up on what this adds.
        MatchService service = matching.get();
        OwnChanges own = service.ownChanges();
        ExchangeReader reader = new ExchangeReader(store.signals());
        List<FileResult> results = new ArrayList<>();
        long[] rows = {0};
        for (Path file : files) {
            results.add(importFile(reader, bankName, file, format, defaultSignalType, actor, listener, rows, own));
        }
        listener.indexing();
        service.refresh(own);
        service.checkpoint();
        long added = results.stream().mapToLong(FileResult::added).sum();
        long present = results.stream().mapToLong(FileResult::alreadyPresent).sum();
        long bad = results.stream().mapToLong(FileResult::badRows).sum();
        return new Result(results, added, present, bad, service.version(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Reads, validates and sorts on one thread while the calling thread writes the previous chunk: the
     * database's single writer is never idle waiting for parsing.
     */
    private FileResult importFile(ExchangeReader reader, String bankName, Path file, ExchangeFormat format,
                                  String defaultSignalType, String actor, Listener listener, long[] rows,
                                  OwnChanges own) {
        long[] counts = new long[3]; // added, already present, bad rows
        BlockingQueue<Object> prepared = new ArrayBlockingQueue<>(1);
        AtomicBoolean stop = new AtomicBoolean();
        long total = sizeOf(file);
        Thread parser = Thread.ofPlatform().name("takedown-import-read").daemon().unstarted(() -> {
            Object last = END;
            try {
                read(reader, file, format, defaultSignalType, listener, rows, counts, total, stop, prepared);
            } catch (RuntimeException | Error e) {
                last = e;
            } finally {
                if (!stop.get()) {
                    try {
                        prepared.put(last);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        parser.start();
        try {
            while (true) {
                Object next = prepared.take();
                if (next == END) {
                    break;
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                if (next instanceof Error e) {
                    throw e;
                }
                BankStore.BatchResult result = store.addBatch(bankName, (EntryBatch) next, actor,
                        file.getFileName().toString());
                counts[0] += result.added();
                counts[1] += result.alreadyPresent();
                own.add(result);
            }
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TakedownException(TakedownException.Kind.IO, "import of " + file + " interrupted", e);
        } finally {
            stop.set(true);
            prepared.clear(); // unblocks a reader waiting to hand over a chunk after a failed write
            parser.interrupt();
        }
        listener.progress(file, total, total, rows[0]);
        return new FileResult(file, counts[0], counts[1], counts[2]);
    }

    private static final Object END = new Object();
    /** Entries in the first chunk of a file; each next chunk is four times larger, up to the chunk size. */
    static final int FIRST_CHUNK = 8_192;

    private void read(ExchangeReader reader, Path file, ExchangeFormat format, String defaultSignalType,
                      Listener listener, long[] rows, long[] counts, long total, AtomicBoolean stop,
                      BlockingQueue<Object> prepared) {
        try (CountingStream bytes = new CountingStream(Files.newInputStream(file))) {
            // Undecodable bytes become U+FFFD, which the reader reports as a bad row with its line number.
            BufferedReader text = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
            String source = file.getFileName().toString();
            // The first chunks are small, growing to the full size: the writer starts after a moment instead of
            // waiting for a whole chunk to be read and sorted.
            int[] size = {firstChunk};
            EntryBatch[] pending = {store.newBatch(size[0])};
            reader.stream(format, text, defaultSignalType, source, new ExchangeReader.Sink() {
                @Override
                public void entry(int line, NewEntry entry) {
                    try {
                        pending[0].add(entry);
                    } catch (InvalidInputException e) {
                        // The reader accepted it but the store does not (e.g. a confidence out of range): a bad row.
                        error(new ImportReport.RowError(line, e.reason()));
                        return;
                    }
                    rows[0]++;
                    if (pending[0].size() >= size[0]) {
                        handOver(pending[0], stop, prepared);
                        size[0] = (int) Math.min(chunk, 4L * size[0]);
                        pending[0] = store.newBatch(size[0]);
                    }
                    if ((rows[0] & 0x3FFF) == 0) {
                        listener.progress(file, bytes.count, total, rows[0]);
                    }
                }

                @Override
                public void error(ImportReport.RowError error) {
                    counts[2]++;
                    listener.badRow(file, error);
                }
            });
            handOver(pending[0], stop, prepared);
        } catch (NoSuchFileException e) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no such file: " + file);
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + file + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    private static void handOver(EntryBatch batch, AtomicBoolean stop, BlockingQueue<Object> prepared) {
        if (batch.isEmpty()) {
            return;
        }
        if (stop.get()) {
            throw new CancellationException("import stopped");
        }
        batch.sort(); // here, while the writer is busy with the previous batch
        try {
            prepared.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import stopped");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
