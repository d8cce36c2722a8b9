package io.takedown.index.pdq;

import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A PDQ index alone in a file (the bench uses it; banks keep theirs inside the bank index snapshot): magic
 * {@code TDPDQIX2}, then {@link PdqIndex#writeTo}, then a CRC32C of everything before it. The bucket tables
 * are stored, so loading is reading, not rebuilding. Written atomically (temporary file, fsync, rename).
 */
public final class PdqIndexSnapshot {

    private static final long MAGIC = 0x3258495144504454L; // "TDPDQIX2" little-endian

    private PdqIndexSnapshot() {
    }

    public static void write(PdqIndex index, Path file) {
        try (SnapshotWriter out = SnapshotWriter.create(file)) {
            out.writeLong(MAGIC);
            index.writeTo(out);
            out.commit();
        }
    }

    public static PdqIndex read(Path file) {
        try (SnapshotReader in = SnapshotReader.open(file)) {
            if (in.size() < 8 || in.readLong() != MAGIC) {
                throw new InvalidInputException(file.toString(), "not a PDQ index snapshot (bad magic)");
            }
            PdqIndex index = PdqIndex.readFrom(in);
            in.verify();
            return index;
        } catch (NoSuchFileException e) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no snapshot " + file, e);
        }
    }
}
