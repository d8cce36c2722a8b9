package io.takedown.banks.matching;

import io.takedown.core.InvalidInputException;
import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The bank index on disk. Layout (little-endian): magic {@code TDBKIX01}, format, the store version it
 * reflects, that change's token, the time it was written, then the PDQ index with its tables, the text index,
 * the exact indexes by type, and a CRC32C of everything before it. Written to a temporary file, forced and
 * renamed ({@link SnapshotWriter}), so a crash leaves the previous snapshot or this one.
 */
final class IndexSnapshot {

    static final long MAGIC = 0x313058494b424454L; // "TDBKIX01" little-endian
    static final int FORMAT = 1;

    private IndexSnapshot() {
    }

    /** Where a snapshot stands: version, token, time. */
    record Header(long version, String token, Instant writtenAt) {
    }

    record Loaded(BankIndex index, Header header, long bytes) {
    }

    /** Writes the index as reflecting {@code header}; returns the file's size. */
    static long write(Path file, BankIndex index, Header header) {
        try (SnapshotWriter out = SnapshotWriter.create(file)) {
            out.writeLong(MAGIC).writeInt(FORMAT);
            out.writeLong(header.version()).writeString(header.token()).writeLong(header.writtenAt().toEpochMilli());
            index.writeTo(out);
            long bytes = out.written() + 8;
            out.commit();
            return bytes;
        }
    }

    /** Reads and verifies a snapshot; damage of any kind is an {@link InvalidInputException}. */
    static Loaded read(Path file) throws NoSuchFileException {
        try (SnapshotReader in = SnapshotReader.open(file)) {
            Header header = header(in);
            BankIndex index;
            try {
                index = BankIndex.readFrom(in);
            } catch (IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
                throw in.damaged(e.getMessage());
            }
            in.verify();
            return new Loaded(index, header, in.size() + 8);
        }
    }

    /** The header alone (no checksum check), to compare versions before replacing a file. */
    static Optional<Header> peek(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(8 + 4 + 8 + 4 + 64).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(head, 0);
            head.flip();
            if (head.remaining() < 24 || head.getLong() != MAGIC || head.getInt() != FORMAT) {
                return Optional.empty();
            }
            long version = head.getLong();
            int length = head.getInt();
            if (length < 0 || length > head.remaining()) {
                return Optional.empty();
            }
            byte[] token = new byte[length];
            head.get(token);
            return Optional.of(new Header(version, new String(token, java.nio.charset.StandardCharsets.UTF_8), Instant.EPOCH));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Header header(SnapshotReader in) {
        if (in.size() < 12 || in.readLong() != MAGIC) {
            throw new InvalidInputException(in.source(), "not a bank index snapshot (bad magic)");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new InvalidInputException(in.source(), "bank index snapshot format " + format + " is not "
                    + FORMAT + " (written by another Takedown version)");
        }
        long version = in.readLong();
        String token = in.readString();
        Instant writtenAt = Instant.ofEpochMilli(in.readLong());
        if (version < 0) {
            throw in.damaged("version " + version);
        }
        return new Header(version, token, writtenAt);
    }
}
