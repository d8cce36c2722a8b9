package io.takedown.audit;

import io.takedown.audit.tlog.Checkpoint;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.Note;
import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's copy outside the database, in the data directory's {@code log/}: {@code checkpoint} (the latest
 * signed checkpoint, replaced atomically and only by a larger one), {@code leaves} (every leaf hash, 32 bytes
 * each, append-only) and {@code cosigned} (the latest checkpoint a witness cosigned). Someone who rewrites or
 * truncates the database does not rewrite these; {@link AuditVerifier} compares the two and, once the leaf
 * copy is authenticated by a cosigned root, names the first entry that differs.
 */
public final class LogFiles {

    private static final Logger LOG = LoggerFactory.getLogger(LogFiles.class);

    private final Path directory;

    public LogFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path checkpointFile() {
        return directory.resolve("checkpoint");
    }

    public Path cosignedFile() {
        return directory.resolve("cosigned");
    }

    public Path leavesFile() {
        return directory.resolve("leaves");
    }

    /** What the database says when a publication has to catch up. */
    record Snapshot(Note checkpoint, List<byte[]> leavesFromRequestedIndex) {
    }

    /** Publishes after a commit; a failure is logged, never thrown (the entry is committed either way). */
    void publishQuietly(Note checkpoint, long index, byte[] leaf, LongFunction<Snapshot> catchUp) {
        try {
            publish(checkpoint, index, leaf, catchUp);
        } catch (RuntimeException | IOException e) {
            LOG.warn("could not copy audit checkpoint {} outside the database (next commit retries): {}",
                    Checkpoint.of(checkpoint).size(), e.toString());
        }
    }

    synchronized void publish(Note checkpoint, long index, byte[] leaf, LongFunction<Snapshot> catchUp) throws IOException {
        Files.createDirectories(directory);
        try (FileChannel lockChannel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockChannel.lock()) {
            try (FileChannel leaves = FileChannel.open(leavesFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                long have = leaves.size() / Merkle.HASH_SIZE;
                if (leaves.size() % Merkle.HASH_SIZE != 0) {
                    leaves.truncate(have * Merkle.HASH_SIZE); // a write cut short by a crash
                }
                Note latest = checkpoint;
                if (have == index) {
                    write(leaves, have, List.of(leaf));
                } else if (have < index) {
                    Snapshot snapshot = catchUp.apply(have);
                    write(leaves, have, snapshot.leavesFromRequestedIndex());
                    latest = snapshot.checkpoint();
                }
                // have > index: a later commit already published this one (or the database went back: keep ours).
                leaves.force(true);
                replaceIfLarger(checkpointFile(), latest);
            }
        }
    }

    private static void write(FileChannel channel, long at, List<byte[]> hashes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(hashes.size() * Merkle.HASH_SIZE);
        hashes.forEach(buffer::put);
        buffer.flip();
        long position = at * Merkle.HASH_SIZE;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    /** Writes {@code note} to {@code file} unless the file already holds a checkpoint at least as large. */
    public void replaceIfLarger(Path file, Note note) throws IOException {
        Optional<Note> current = read(file);
        if (current.isPresent() && Checkpoint.of(current.get()).size() >= Checkpoint.of(note).size()) {
            return;
        }
        atomicWrite(file, note.format().getBytes(StandardCharsets.UTF_8));
    }

    /** Temporary file, fsync, rename over the old one, fsync the directory: the file is old or new, never half. */
    public static void atomicWrite(Path file, byte[] bytes) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }

    public static Optional<Note> read(Path file) {
        try {
            return Optional.of(Note.parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Optional<Note> checkpoint() {
        return read(checkpointFile());
    }

    public Optional<Note> cosigned() {
        return read(cosignedFile());
    }

    /** The copied leaf hashes (a trailing partial record from a crash is ignored). */
    public List<byte[]> leaves() {
        try {
            byte[] all = Files.readAllBytes(leavesFile());
            List<byte[]> out = new ArrayList<>(all.length / Merkle.HASH_SIZE);
            for (int at = 0; at + Merkle.HASH_SIZE <= all.length; at += Merkle.HASH_SIZE) {
                out.add(java.util.Arrays.copyOfRange(all, at, at + Merkle.HASH_SIZE));
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + leavesFile() + ": " + e.getMessage(), e);
        }
    }
}
