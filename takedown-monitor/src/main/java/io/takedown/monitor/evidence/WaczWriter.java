package io.takedown.monitor.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.core.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.URIs;
import org.netpreserve.jwarc.WarcCaptureRecord;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes a WACZ 1.1.1 package: the selected WARC records copied byte for byte from the evidence archive
 * into {@code archive/data.warc.gz} (each with the request and metadata records written with it), a CDXJ
 * index, {@code pages/pages.jsonl}, {@code datapackage.json} with the SHA-256 of every file, and
 * {@code datapackage-digest.json} signed with the agency's ECDSA key (anonymous signature format).
 */
public final class WaczWriter {

    public static final String WACZ_VERSION = "1.1.1";
    private static final String DATA_WARC = "data.warc.gz";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();
    private static final DateTimeFormatter CDX_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    /** A record to include: its place in the archive. */
    public record Source(String file, long offset) {
    }

    /** A page of the package (an item's capture), listed in pages.jsonl. */
    public record Page(String url, Instant ts, String title) {
    }

    /**
     * @param sources records to copy (duplicates ignored), in order
     * @param metadata extra top-level datapackage.json properties (what was exported, by whom, audit refs)
     * @return the datapackage.json digest, as signed
     */
    public String write(Path archiveFolder, List<Source> sources, List<Page> pages, String title,
                        ObjectNode metadata, EvidenceKey key, Instant created, String software, Path out)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] warc = copyRecords(archiveFolder, sources, created, software);
        files.put("archive/" + DATA_WARC, warc);
        files.put("indexes/index.cdxj", cdxj(warc));
        files.put("pages/pages.jsonl", pagesJsonl(pages, title));

        ObjectNode datapackage = JSON.createObjectNode();
        datapackage.put("profile", "data-package");
        datapackage.put("wacz_version", WACZ_VERSION);
        datapackage.put("title", title);
        datapackage.put("description", "Evidence exported by " + software + " from captures of the synthetic range.");
        datapackage.put("created", created.toString());
        datapackage.put("modified", created.toString());
        datapackage.put("software", software);
        if (!pages.isEmpty()) {
            datapackage.put("mainPageUrl", pages.getFirst().url());
            datapackage.put("mainPageDate", pages.getFirst().ts().toString());
        }
        ArrayNode resources = datapackage.putArray("resources");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            resources.addObject().put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path)
                    .put("hash", "sha256:" + Hex.encode(WarcArchive.sha256(file.getValue())))
                    .put("bytes", file.getValue().length);
        }
        metadata.fields().forEachRemaining(e -> datapackage.set(e.getKey(), e.getValue()));
        byte[] datapackageBytes = JSON.writeValueAsBytes(datapackage);
        String hash = "sha256:" + Hex.encode(WarcArchive.sha256(datapackageBytes));

        ObjectNode digest = JSON.createObjectNode();
        digest.put("path", "datapackage.json");
        digest.put("hash", hash);
        ObjectNode signed = digest.putObject("signedData");
        signed.put("hash", hash);
        signed.put("created", created.toString());
        signed.put("software", software);
        signed.put("version", "0.1.0");
        signed.put("signature", key.sign(hash));
        signed.put("publicKey", key.publicKeyBase64());

        Map<String, byte[]> all = new LinkedHashMap<>(files);
        all.put("datapackage.json", datapackageBytes);
        all.put("datapackage-digest.json", JSON.writeValueAsBytes(digest));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(out.toAbsolutePath().getParent(), ".wacz", ".tmp");
        try (OutputStream stream = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(stream)) {
            for (Map.Entry<String, byte[]> file : all.entrySet()) {
                stored(zip, file.getKey(), file.getValue(), created);
            }
        }
        Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return hash;
    }

    /** Zip entries are stored, not deflated: readers seek into the WARC by offset. */
    private static void stored(ZipOutputStream zip, String name, byte[] content, Instant time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setTime(time.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] copyRecords(Path folder, List<Source> sources, Instant created, String software)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, List<String>> info = new LinkedHashMap<>();
        info.put("software", List.of(software));
        info.put("format", List.of("WARC File Format 1.1"));
        info.put("description", List.of("Records copied unchanged from the capturing agency's evidence archive"));
        try (WarcWriter writer = new WarcWriter(Channels.newChannel(out), WarcCompression.GZIP)) {
            writer.write(new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(created).filename(DATA_WARC)
                    .fields(info).build());
        }
        java.util.Set<Source> seen = new java.util.HashSet<>();
        for (Source source : sources) {
            if (!seen.add(source)) {
                continue;
            }
            Path file = folder.resolve(source.file()).normalize();
            if (!file.startsWith(folder.normalize())) {
                throw new IOException("evidence reference points outside the archive: " + source.file());
            }
            long end = groupEnd(file, source.offset());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(end - source.offset()));
                channel.read(buffer, source.offset());
                out.write(buffer.array(), 0, buffer.position());
            }
        }
        return out.toByteArray();
    }

    /** End of a record and the records written with it (same WARC-Concurrent-To), from the archive file. */
    private static long groupEnd(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             WarcReader reader = new WarcReader(Channels.newInputStream(channel.position(offset)))) {
            Optional<WarcRecord> first = reader.next();
            if (first.isEmpty()) {
                throw new IOException("no WARC record at " + file.getFileName() + "#" + offset);
            }
            URI id = first.get().id();
            while (true) {
                Optional<WarcRecord> next = reader.next();
                if (next.isEmpty()) {
                    return Files.size(file);
                }
                boolean concurrent = next.get().headers().all("WARC-Concurrent-To").stream()
                        .anyMatch(v -> v.equals("<" + id + ">") || v.equals(id.toString()));
                if (!concurrent) {
                    return offset + reader.position(); // positions count from where reading began
                }
            }
        }
    }

    private static byte[] cdxj(byte[] warc) throws IOException {
        List<String> lines = new ArrayList<>();
        try (WarcReader reader = new WarcReader(Channels.newChannel(new java.io.ByteArrayInputStream(warc)))) {
            Optional<WarcRecord> record = reader.next();
            while (record.isPresent()) {
                long offset = reader.position();
                WarcRecord current = record.get();
                if (current instanceof WarcResponse || current instanceof WarcRevisit
                        || current instanceof org.netpreserve.jwarc.WarcResource) {
                    WarcCaptureRecord capture = (WarcCaptureRecord) current;
                    ObjectNode json = LINE.createObjectNode();
                    String url = capture.target();
                    json.put("url", url);
                    String mime = "unk";
                    String status = null;
                    if (current instanceof WarcRevisit) {
                        mime = "warc/revisit";
                        status = Integer.toString(((WarcRevisit) current).http().status());
                    } else if (current instanceof WarcResponse response) {
                        HttpResponse http = response.http();
                        status = Integer.toString(http.status());
                        mime = http.contentType().base().toString();
                    } else {
                        mime = current.contentType().base().toString();
                        status = "200";
                    }
                    json.put("mime", mime);
                    if (status != null) {
                        json.put("status", status);
                    }
                    capture.payloadDigest().ifPresent(d -> json.put("digest", d.toString()));
                    record = reader.next();
                    long end = record.isPresent() ? reader.position() : warc.length;
                    json.put("length", Long.toString(end - offset));
                    json.put("offset", Long.toString(offset));
                    json.put("filename", DATA_WARC);
                    lines.add(URIs.toNormalizedSurt(url) + " " + CDX_TIME.format(capture.date()) + " "
                            + LINE.writeValueAsString(json));
                    continue;
                }
                record = reader.next();
            }
        }
        java.util.Collections.sort(lines);
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pagesJsonl(List<Page> pages, String title) throws IOException {
        StringBuilder out = new StringBuilder();
        ObjectNode header = LINE.createObjectNode();
        header.put("format", "json-pages-1.0").put("id", "pages").put("title", title);
        out.append(LINE.writeValueAsString(header)).append('\n');
        int n = 0;
        for (Page page : pages) {
            ObjectNode line = LINE.createObjectNode();
            line.put("id", "page-" + (++n)).put("url", page.url()).put("ts", page.ts().toString())
                    .put("title", page.title());
            out.append(LINE.writeValueAsString(line)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

}
