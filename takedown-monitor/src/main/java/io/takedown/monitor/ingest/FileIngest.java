package io.takedown.monitor.ingest;

import io.takedown.monitor.capture.SignalAnalyzer;
import io.takedown.monitor.crawl.CaptureAnalyzer;
import io.takedown.monitor.crawl.ContentExtractor;
import io.takedown.monitor.crawl.Extracted;
import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.evidence.WarcArchive;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierEntry;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.monitor.frontier.MonitoredOutlet;
import io.takedown.monitor.frontier.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes one local file in: reads it within the size limit, writes it as a WARC resource record whose
 * metadata names where it came from and who handed it in, then opens and hashes it as the crawler would a
 * fetched document. The result is an {@link Outcome} for {@link FrontierStore#commit}; nothing is recorded
 * until the caller commits it, after the archive was forced to disk.
 */
public final class FileIngest {

    /** Ingested files belong to no crawl cycle. */
    public static final long NO_CYCLE = 0;

    private final ContentExtractor extractor = new ContentExtractor();
    private final SignalAnalyzer analyzer;
    private final WarcArchive archive;
    private final Clock clock;

    public FileIngest(SignalAnalyzer analyzer, WarcArchive archive, Clock clock) {
        this.analyzer = analyzer;
        this.archive = archive;
        this.clock = clock;
    }

    /** Thrown for a file that is not taken; the message is the reason shown to the user. */
    public static final class RefusedException extends Exception {
        public RefusedException(String message) {
            super(message);
        }
    }

    /**
     * @throws RefusedException the file is not taken (missing, too large, unreadable); nothing was written
     * @throws IOException the evidence archive could not be written: stop, nothing of it will be committed
     */
    public Outcome take(IngestRequest.Source source, MonitoredOutlet outlet, String by, long maxBytes)
            throws RefusedException, IOException {
        Path file = source.file();
        byte[] content = read(file, maxBytes);
        java.nio.file.attribute.FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new RefusedException("cannot read: " + e.getMessage());
        }
        // Filed under where it was published when that is known (so a hit can become a case item), else the file.
        URI target = source.publishedAt().orElseGet(() -> file.toAbsolutePath().normalize().toUri());
        String host = source.publishedAt().map(u -> u.getHost().toLowerCase(java.util.Locale.ROOT)).orElse("local");
        FrontierEntry entry = new FrontierEntry(-1, outlet.id(), target.toString(), host, 0, "ingest", NO_CYCLE,
                Optional.empty(), Optional.empty(), Optional.empty());
        Extracted extracted = extractor.extract(target, "", content, "ingest");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("takedown-outlet", outlet.name());
        fields.put("takedown-rule", "ingest");
        fields.put("takedown-ingested-by", by);
        fields.put("takedown-source-file", file.toAbsolutePath().normalize().toString());
        fields.put("takedown-source-modified", modified.toInstant().toString());
        EvidenceRef ref = archive.writeResource(target, extracted.mediaType(), content, fields);
        CaptureAnalyzer.Analysis analysis = analyzer.analyze(entry, content, extracted, ref, NO_CYCLE);
        Instant now = clock.instant();
        CaptureRow row = new CaptureRow(0, outlet.id(), NO_CYCLE, target.toString(),
                FrontierStore.canonical(target.toString()), host, now, 200, extracted.mediaType(), "resource",
                content.length, Optional.of(WarcArchive.payloadDigest(content)), ref.file(), ref.offset(), ref.length(),
                ref.recordId(), analysis.signals(), extracted.channel("local"), Optional.empty(), Optional.empty());
        return new Outcome(entry, true, Optional.empty(), Optional.of(row), analysis.children(), List.of());
    }

    private static byte[] read(Path file, long maxBytes) throws RefusedException {
        try {
            return readOrFail(file, maxBytes);
        } catch (IOException e) {
            throw new RefusedException("cannot read: " + e.getMessage());
        }
    }

    private static byte[] readOrFail(Path file, long maxBytes) throws RefusedException, IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException(Files.isSymbolicLink(file) ? "a symbolic link; name the file itself"
                    : Files.exists(file) ? "not a regular file" : "no such file");
        }
        if (Files.size(file) > maxBytes) {
            throw new RefusedException("larger than " + maxBytes + " bytes; not read");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) { // grew while being read
                throw new RefusedException("larger than " + maxBytes + " bytes; not read");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new RefusedException("no such file");
        }
    }

}
