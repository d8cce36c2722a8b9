package io.takedown.monitor.evidence;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.netpreserve.jwarc.WarcPayload;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;

/** Reads a captured payload back from the evidence archive by its reference. */
public final class EvidenceReader {

    private EvidenceReader() {
    }

    /** The payload of the record at {@code offset}: a response's HTTP body, or a resource's content. */
    public static byte[] payload(Path folder, String file, long offset) throws IOException {
        Path path = folder.resolve(file).normalize();
        if (!path.startsWith(folder.normalize())) {
            throw new IOException("evidence reference points outside the archive: " + file);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
             WarcReader reader = new WarcReader(Channels.newInputStream(channel.position(offset)))) {
            Optional<WarcRecord> record = reader.next();
            if (record.isPresent() && record.get() instanceof WarcResource resource) {
                return resource.body().stream().readAllBytes();
            }
            if (record.isEmpty() || !(record.get() instanceof WarcResponse response)) {
                throw new IOException("no response or resource record at " + file + "#" + offset);
            }
            Optional<WarcPayload> payload = response.payload();
            return payload.isPresent() ? payload.get().body().stream().readAllBytes() : new byte[0];
        }
    }
}
