package io.takedown.index.pdq;

import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A PDQ index on disk: its live hashes and ids, checksummed. Tables are rebuilt on load (in parallel),
 * which is as fast as reading them and keeps the file at 36 bytes per hash.
 *
 * <p>Format, little-endian: magic {@code TDPDQIX1}, entry count (int), 4 x count hash words (long),
 * count ids (int), CRC32C of everything before it (long). Written to a temporary file, forced to disk and
 * renamed, so a crash leaves the previous snapshot intact.
 */
public final class PdqIndexSnapshot {

    private static final long MAGIC = 0x3158495144504454L; // "TDPDQIX1" little-endian
    private static final int CHUNK = 1 << 20;

    private PdqIndexSnapshot() {
    }

    public static void write(PdqIndex index, Path file) {
        PdqIndex.Live live = index.live();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(MAGIC).putInt(live.size());
            for (int i = 0; i < live.size() * 4; i++) {
                if (buffer.remaining() < 8) {
                    drain(channel, buffer, crc);
                }
                buffer.putLong(live.words()[i]);
            }
            for (int i = 0; i < live.size(); i++) {
                if (buffer.remaining() < 4) {
                    drain(channel, buffer, crc);
                }
                buffer.putInt(live.ids()[i]);
            }
            drain(channel, buffer, crc);
            buffer.putLong(crc.getValue());
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot write index snapshot " + temporary + ": "
                    + e.getMessage(), e);
        }
        try {
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot replace " + file + ": " + e.getMessage(), e);
        }
    }

    public static PdqIndex read(Path file) {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < 20) {
                throw new InvalidInputException(source, "not a PDQ index snapshot (too short)");
            }
            CRC32C crc = new CRC32C();
            ByteBuffer head = read(channel, 12, crc);
            if (head.getLong() != MAGIC) {
                throw new InvalidInputException(source, "not a PDQ index snapshot (bad magic)");
            }
            int count = head.getInt();
            if (count < 0 || length != 12L + count * 36L + 8) {
                throw new InvalidInputException(source, "snapshot is truncated or damaged: " + length
                        + " bytes for " + count + " entries");
            }
            long[] words = new long[count * 4];
            int[] ids = new int[count];
            int filled = 0;
            while (filled < words.length) {
                int n = Math.min(CHUNK / 8, words.length - filled);
                read(channel, n * 8, crc).asLongBuffer().get(words, filled, n);
                filled += n;
            }
            filled = 0;
            while (filled < ids.length) {
                int n = Math.min(CHUNK / 4, ids.length - filled);
                read(channel, n * 4, crc).asIntBuffer().get(ids, filled, n);
                filled += n;
            }
            long expected = crc.getValue();
            long stored = read(channel, 8, null).getLong();
            if (stored != expected) {
                throw new InvalidInputException(source, "snapshot checksum mismatch: the file is damaged");
            }
            return PdqIndex.of(words, ids, count);
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer read(FileChannel channel, int bytes, CRC32C crc) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        buffer.flip();
        if (crc != null) {
            crc.update(buffer.duplicate());
        }
        return buffer;
    }

    private static void drain(FileChannel channel, ByteBuffer buffer, CRC32C crc) throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
