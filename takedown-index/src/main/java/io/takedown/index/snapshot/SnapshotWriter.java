package io.takedown.index.snapshot;

import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a snapshot: values go through a direct buffer into a temporary file beside the target, every byte
 * is folded into a CRC32C, and {@link #commit()} appends the checksum, forces the file to disk and renames
 * it over the target. Until then the target is untouched; {@link #close()} without commit deletes the
 * temporary file. A crash at any point leaves the old target or the new one, never a mixture.
 */
public final class SnapshotWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long written;
    private boolean committed;

    private SnapshotWriter(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
    }

    /** Starts a snapshot that will replace {@code target}; the temporary file is unique to this writer. */
    public static SnapshotWriter create(Path target) {
        Path temporary = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            return new SnapshotWriter(target, temporary, FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw io("cannot create " + temporary, e);
        }
    }

    /** Bytes written so far (without the trailing checksum). */
    public long written() {
        return written + buffer.position();
    }

    public SnapshotWriter writeLong(long value) {
        room(8);
        buffer.putLong(value);
        return this;
    }

    public SnapshotWriter writeInt(int value) {
        room(4);
        buffer.putInt(value);
        return this;
    }

    /** A length-prefixed UTF-8 string of at most 64 KiB. */
    public SnapshotWriter writeString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("string too long for a snapshot field: " + bytes.length + " bytes");
        }
        writeInt(bytes.length);
        for (int from = 0; from < bytes.length; ) {
            room(1);
            int n = Math.min(buffer.remaining(), bytes.length - from);
            buffer.put(bytes, from, n);
            from += n;
        }
        return this;
    }

    public SnapshotWriter writeLongs(long[] values, int from, int count) {
        while (count > 0) {
            room(8);
            int n = Math.min(buffer.remaining() / 8, count);
            buffer.asLongBuffer().put(values, from, n);
            buffer.position(buffer.position() + n * 8);
            from += n;
            count -= n;
        }
        return this;
    }

    public SnapshotWriter writeInts(int[] values, int from, int count) {
        while (count > 0) {
            room(4);
            int n = Math.min(buffer.remaining() / 4, count);
            buffer.asIntBuffer().put(values, from, n);
            buffer.position(buffer.position() + n * 4);
            from += n;
            count -= n;
        }
        return this;
    }

    /** Appends the checksum, forces the file to disk and renames it over the target. */
    public void commit() {
        try {
            drain();
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).flip();
            while (tail.hasRemaining()) {
                channel.write(tail);
            }
            channel.force(true);
            channel.close();
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            forceDirectory(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw io("cannot write snapshot " + target, e);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            throw io("cannot remove " + temporary, e);
        }
    }

    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            try {
                drain();
            } catch (IOException e) {
                throw io("cannot write " + temporary, e);
            }
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        written += buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Makes the rename durable (a directory entry is data too); not every file system allows it. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some file systems refuse to open a directory; the rename is still atomic there.
        }
    }

    private static TakedownException io(String message, IOException e) {
        return new TakedownException(TakedownException.Kind.IO, message + ": " + e.getMessage(), e);
    }
}
