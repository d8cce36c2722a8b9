package io.takedown.index.snapshot;

import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads what a {@link SnapshotWriter} wrote, folding every byte into a CRC32C; {@link #verify()} compares it
 * with the stored checksum at the end of the file. Reading past the data, or a checksum that differs, is an
 * {@link InvalidInputException} naming the file: the caller discards what it built and rebuilds.
 */
public final class SnapshotReader implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final String source;
    private final FileChannel channel;
    private final long dataEnd;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long consumed;

    private SnapshotReader(Path file, FileChannel channel, long dataEnd) {
        this.source = file.toString();
        this.channel = channel;
        this.dataEnd = dataEnd;
        buffer.limit(0);
    }

    /** Opens a snapshot; {@link NoSuchFileException} when there is none. */
    public static SnapshotReader open(Path file) throws NoSuchFileException {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 8) {
                channel.close();
                throw new InvalidInputException(file.toString(), "snapshot is truncated (" + size + " bytes)");
            }
            return new SnapshotReader(file, channel, size - 8);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    /** Bytes of data (without the checksum). */
    public long size() {
        return dataEnd;
    }

    /** Bytes of data not read yet. */
    public long remaining() {
        return dataEnd - consumed + buffer.remaining();
    }

    /**
     * Refuses to go on when fewer than {@code bytes} remain: a damaged count must fail here, before it
     * becomes an array allocation of gigabytes.
     */
    public void requireRemaining(long bytes, String what) {
        if (bytes < 0 || bytes > remaining()) {
            throw damaged(what + " needs " + bytes + " bytes, " + remaining() + " left");
        }
    }

    public long readLong() {
        need(8);
        return buffer.getLong();
    }

    public int readInt() {
        need(4);
        return buffer.getInt();
    }

    /** A count or length that must lie in {@code 0..max}. */
    public int readCount(int max, String what) {
        int value = readInt();
        if (value < 0 || value > max) {
            throw damaged(what + " out of range: " + value);
        }
        return value;
    }

    public String readString() {
        int length = readCount(0xFFFF, "string length");
        byte[] bytes = new byte[length];
        for (int from = 0; from < length; ) {
            need(1);
            int n = Math.min(buffer.remaining(), length - from);
            buffer.get(bytes, from, n);
            from += n;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public void readLongs(long[] into, int from, int count) {
        while (count > 0) {
            need(8);
            int n = Math.min(buffer.remaining() / 8, count);
            buffer.asLongBuffer().get(into, from, n);
            buffer.position(buffer.position() + n * 8);
            from += n;
            count -= n;
        }
    }

    public void readInts(int[] into, int from, int count) {
        while (count > 0) {
            need(4);
            int n = Math.min(buffer.remaining() / 4, count);
            buffer.asIntBuffer().get(into, from, n);
            buffer.position(buffer.position() + n * 4);
            from += n;
            count -= n;
        }
    }

    /** Checks that all data was read and that the stored checksum matches it. */
    public void verify() {
        if (buffer.hasRemaining() || consumed != dataEnd) {
            throw damaged("unexpected data after the last section");
        }
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (tail.hasRemaining()) {
                if (channel.read(tail, dataEnd + tail.position()) < 0) {
                    throw damaged("truncated checksum");
                }
            }
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + source + ": " + e.getMessage(), e);
        }
        if (tail.flip().getLong() != crc.getValue()) {
            throw new InvalidInputException(source, "snapshot checksum mismatch: the file is damaged");
        }
    }

    public InvalidInputException damaged(String detail) {
        return new InvalidInputException(source, "snapshot is truncated or damaged: " + detail);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot close " + source + ": " + e.getMessage(), e);
        }
    }

    /** Makes at least {@code bytes} bytes available in the buffer, refilling it from the file. */
    private void need(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        try {
            while (buffer.position() < bytes) {
                long left = dataEnd - consumed;
                if (left <= 0) {
                    throw damaged("ends early");
                }
                int room = (int) Math.min(buffer.remaining(), left);
                ByteBuffer slice = buffer.slice(buffer.position(), room).order(ByteOrder.LITTLE_ENDIAN);
                int read = channel.read(slice, consumed);
                if (read < 0) {
                    throw damaged("ends early");
                }
                crc.update(buffer.slice(buffer.position(), read));
                buffer.position(buffer.position() + read);
                consumed += read;
            }
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + source + ": " + e.getMessage(), e);
        }
        buffer.flip();
    }
}
