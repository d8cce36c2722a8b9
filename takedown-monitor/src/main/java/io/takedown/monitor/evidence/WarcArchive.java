package io.takedown.monitor.evidence;

import io.takedown.core.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * The evidence archive: every fetch appended as WARC 1.1 records (request, response or revisit, metadata),
 * each record its own gzip member, to files under one folder. A file is only ever appended to; it is closed
 * when it reaches the size limit and a new one begins, and a new process always starts a new file. Each
 * record is built in memory and appended in one write, so a killed process leaves whole records behind.
 * Thread-safe.
 */
public final class WarcArchive implements AutoCloseable {

    /** Default size at which a file is closed and the next begun. */
    public static final long DEFAULT_ROTATE_BYTES = 1L << 30;

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final long rotateBytes;
    private final Clock clock;
    private final String software;
    private final String prefix;
    private int sequence;
    private FileChannel channel;
    private String fileName;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    /** A previous capture of the same URL with the same payload, for a revisit record. */
    public record Previous(String recordId, URI targetUri, Instant date) {
    }

    /** The records written for one fetch. */
    public record Written(EvidenceRef response, String payloadDigest, boolean revisit) {
    }

    public WarcArchive(Path folder, long rotateBytes, Clock clock, String software) {
        this.folder = folder;
        this.rotateBytes = rotateBytes;
        this.clock = clock;
        this.software = software;
        this.prefix = "takedown-" + NAME_TIME.format(Instant.now()) + "-" + ProcessHandle.current().pid();
    }

    public Path folder() {
        return folder;
    }

    /** The sha256 payload digest label WARC records and CDXJ indexes carry, e.g. {@code sha256:ab12...}. */
    public static String payloadDigest(byte[] payload) {
        return "sha256:" + Hex.encode(sha256(payload));
    }

    /**
     * Writes one fetch: request, then response (or a revisit when {@code previous} has the same payload),
     * then a metadata record with {@code fields} (outlet, rule, ...).
     */
    public Written writeFetch(Exchange exchange, Map<String, String> fields, Optional<Previous> previous)
            throws IOException {
        return writeFetch(exchange, payloadDigest(exchange.body()), fields, previous);
    }

    /** As {@link #writeFetch(Exchange, Map, Optional)}, with the payload digest the caller already computed. */
    public Written writeFetch(Exchange exchange, String digest, Map<String, String> fields, Optional<Previous> previous)
            throws IOException {
        URI target = exchange.uri();
        Instant date = exchange.started();
        InetAddress ip = InetAddress.getByName(exchange.address());
        WarcRecord main;
        boolean revisit = previous.isPresent();
        if (revisit) {
            Previous p = previous.get();
            main = new WarcRevisit.Builder(target, WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1)
                    .version(MessageVersion.WARC_1_1).date(date).ipAddress(ip)
                    .refersTo(URI.create(p.recordId()), p.targetUri(), p.date())
                    .payloadDigest(new org.netpreserve.jwarc.WarcDigest(digest))
                    .body(MediaType.HTTP_RESPONSE, exchange.rawHead())
                    .build();
        } else {
            byte[] block = concat(exchange.rawHead(), exchange.rawBody());
            WarcResponse.Builder builder = new WarcResponse.Builder(target)
                    .version(MessageVersion.WARC_1_1).date(date).ipAddress(ip)
                    .blockDigest(new org.netpreserve.jwarc.WarcDigest("sha256:" + Hex.encode(sha256(block))))
                    .payloadDigest(new org.netpreserve.jwarc.WarcDigest(digest))
                    .body(MediaType.HTTP_RESPONSE, block);
            if (exchange.truncated()) {
                builder.truncated(WarcTruncationReason.LENGTH);
            }
            main = builder.build();
        }
        URI mainId = main.id();
        WarcRequest request = new WarcRequest.Builder(target).version(MessageVersion.WARC_1_1).date(date)
                .ipAddress(ip).concurrentTo(mainId).body(MediaType.HTTP_REQUEST, exchange.request()).build();
        // Compressed on the calling thread; only the append itself is serialised.
        byte[] mainBytes = gzip(main);
        byte[] rest = fields.isEmpty() ? gzip(request) : concat(gzip(request), gzip(metadata(target, date, mainId, fields)));
        return new Written(appendGroup(mainBytes, rest, mainId), digest, revisit);
    }

    private EvidenceRef appendGroup(byte[] mainBytes, byte[] rest, URI mainId) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            long offset = channel.position();
            write(concat(mainBytes, rest));
            EvidenceRef ref = new EvidenceRef(fileName, offset, mainBytes.length, mainId.toString());
            rotateIfFull();
            return ref;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes content that did not come over HTTP (a mail message read from a mailbox, a file inside a
     * package) as a resource record, with its metadata.
     */
    public EvidenceRef writeResource(URI target, String mediaType, byte[] content, Map<String, String> fields)
            throws IOException {
        Instant date = clock.instant();
        WarcResource resource = new WarcResource.Builder(target).version(MessageVersion.WARC_1_1).date(date)
                .payloadDigest(new org.netpreserve.jwarc.WarcDigest(payloadDigest(content)))
                .body(MediaType.parse(mediaType), content).build();
        byte[] rest = fields.isEmpty() ? new byte[0] : gzip(metadata(target, date, resource.id(), fields));
        return appendGroup(gzip(resource), rest, resource.id());
    }

    /** Forces what was written to disk; call before recording captures as done. */
    public void sync() throws IOException {
        FileChannel current;
        lock.lock();
        try {
            current = channel;
        } finally {
            lock.unlock();
        }
        if (current != null) {
            try {
                current.force(false); // outside the lock: appends go on while the disk catches up
            } catch (java.nio.channels.ClosedChannelException rotated) {
                // closed by rotation, which forced it
            }
        }
    }

    /** Files of the archive, oldest first. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var stream = Files.list(folder)) {
            return stream.filter(p -> p.getFileName().toString().endsWith(".warc.gz")).sorted().toList();
        }
    }

    private WarcMetadata metadata(URI target, Instant date, URI concurrent, Map<String, String> fields)
            throws IOException {
        Map<String, List<String>> map = new LinkedHashMap<>();
        fields.forEach((k, v) -> map.put(k, List.of(v.replaceAll("[\\r\\n]+", " "))));
        return new WarcMetadata.Builder().version(MessageVersion.WARC_1_1).targetURI(target).date(date)
                .concurrentTo(concurrent).fields(map).build();
    }

    private void ensureOpen() throws IOException {
        if (channel != null) {
            return;
        }
        Files.createDirectories(folder);
        // Two archives opened in the same second by one process (two quick cycles, an ingest after a crawl)
        // share the prefix: take the next free number rather than ever writing into another run's file.
        while (true) {
            fileName = String.format("%s-%05d.warc.gz", prefix, sequence++);
            try {
                channel = FileChannel.open(folder.resolve(fileName), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                break;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (sequence > 99_999) {
                    throw taken;
                }
            }
        }
        Map<String, List<String>> info = new LinkedHashMap<>();
        info.put("software", List.of(software));
        info.put("format", List.of("WARC File Format 1.1"));
        info.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        info.put("description", List.of("Takedown monitor captures of the synthetic range"));
        Warcinfo warcinfo = new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(clock.instant())
                .filename(fileName).fields(info).build();

        write(gzip(warcinfo));
    }

    private void rotateIfFull() throws IOException {
        if (channel != null && channel.position() >= rotateBytes) {
            closeFile();
        }
    }

    /** The record serialised, as one gzip member of its own. */
    private static byte[] gzip(WarcRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (WarcWriter writer = new WarcWriter(Channels.newChannel(bytes), WarcCompression.NONE)) {
            writer.write(record);
        }
        return gzipMember(bytes.toByteArray());
    }

    // A deflater costs a few hundred KiB of native memory to set up: the analysis threads keep one each
    // instead of paying that for every record (virtual threads, which come and go, take a fresh one).
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(WarcArchive::newDeflater);
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private static Deflater newDeflater() {
        return new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    }

    /** A gzip member (RFC 1952): header, raw deflate, CRC-32 and length of the input. */
    static byte[] gzipMember(byte[] data) {
        boolean shared = !Thread.currentThread().isVirtual();
        Deflater deflater = shared ? DEFLATERS.get() : newDeflater();
        try {
            deflater.reset();
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            out.writeBytes(GZIP_HEADER);
            byte[] buffer = new byte[Math.min(64 * 1024, data.length + 64)];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            CRC32 crc = new CRC32();
            crc.update(data);
            littleEndian(out, (int) crc.getValue());
            littleEndian(out, data.length);
            return out.toByteArray();
        } finally {
            if (!shared) {
                deflater.end();
            }
        }
    }

    private static void littleEndian(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void closeFile() throws IOException {
        if (channel != null) {
            channel.force(true);
            channel.close();
            channel = null;
        }
    }

    /** The id of the current file's warcinfo record, if a file is open. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closeFile();
        } finally {
            lock.unlock();
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
