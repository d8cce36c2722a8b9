package io.takedown.monitor.packages;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a zip archive held in memory without ever writing it out, refusing what would be dangerous if it
 * were: names that climb out of the folder or are absolute (zip-slip), symbolic links, entries that
 * decompress far beyond their compressed size or past a total (zip bombs), nesting past a depth. Each
 * refusal is an entry with its reason; the rest of the archive is still read.
 */
public final class SafeUnzip {

    /*
     * Methods Commons Compress decodes with no optional library. Others (zstd, xz) would need a codec on the
     * class path and otherwise fail with a LinkageError; browser and app packages never use them.
     */
    private static final java.util.Set<Integer> READABLE_METHODS = java.util.Set.of(
            ZipMethod.STORED.getCode(), ZipMethod.DEFLATED.getCode(),
            ZipMethod.ENHANCED_DEFLATED.getCode(), ZipMethod.BZIP2.getCode());

    private final ArchiveLimits limits;

    public SafeUnzip(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** Thrown when the archive as a whole cannot be read. */
    public static final class ArchiveException extends Exception {
        public ArchiveException(String message) {
            super(message);
        }
    }

    public List<ArchiveEntry> entries(byte[] zip) throws ArchiveException {
        List<ArchiveEntry> out = new ArrayList<>();
        long[] total = {0};
        read(zip, "", 0, out, total);
        return out;
    }

    private void read(byte[] zip, String prefix, int depth, List<ArchiveEntry> out, long[] total)
            throws ArchiveException {
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            Enumeration<ZipArchiveEntry> entries = file.getEntries();
            int count = 0;
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String path = prefix + name;
                if (++count > limits.maxEntries()) {
                    out.add(refused(prefix + "…", "more than " + limits.maxEntries() + " entries; the rest not read"));
                    return;
                }
                Optional<String> unsafe = unsafeName(name);
                if (unsafe.isPresent()) {
                    out.add(refused(path, unsafe.get()));
                    continue;
                }
                if (entry.isUnixSymlink()) {
                    out.add(refused(path, "symbolic link refused"));
                    continue;
                }
                if (!READABLE_METHODS.contains(entry.getMethod())) {
                    out.add(refused(path, "compression method " + entry.getMethod() + " refused; only stored,"
                            + " deflate, deflate64 and bzip2 are read"));
                    continue;
                }
                if (!file.canReadEntryData(entry)) {
                    out.add(refused(path, "unsupported compression or encryption"));
                    continue;
                }
                byte[] content;
                try {
                    content = bounded(file, entry, total);
                } catch (LimitException e) {
                    out.add(refused(path, e.getMessage()));
                    if (total[0] >= limits.maxTotalBytes()) {
                        return;
                    }
                    continue;
                } catch (IOException | RuntimeException e) {
                    out.add(refused(path, "corrupt entry: " + e.getMessage()));
                    continue;
                }
                out.add(new ArchiveEntry(path, content, Optional.empty()));
                if (isArchive(name)) {
                    if (depth + 1 > limits.maxNesting()) {
                        out.add(refused(path + "!/", "archive nested deeper than " + limits.maxNesting() + " levels; not opened"));
                    } else {
                        try {
                            read(content, path + "!/", depth + 1, out, total);
                        } catch (ArchiveException e) {
                            out.add(refused(path + "!/", e.getMessage()));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ArchiveException("not a readable zip archive: " + e.getMessage());
        }
    }

    private static final class LimitException extends IOException {
        LimitException(String message) {
            super(message);
        }
    }

    private byte[] bounded(ZipFile file, ZipArchiveEntry entry, long[] total) throws IOException {
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long ratioCap = Math.max(1L << 20, compressed * limits.maxRatio());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = file.getInputStream(entry)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out.size() + read > limits.maxEntryBytes()) {
                    throw new LimitException("entry over " + limits.maxEntryBytes() + " bytes decompressed; not read");
                }
                if (out.size() + read > ratioCap) {
                    throw new LimitException("decompresses more than " + limits.maxRatio()
                            + " times its compressed size (zip bomb); not read");
                }
                if (total[0] + read > limits.maxTotalBytes()) {
                    total[0] = limits.maxTotalBytes();
                    throw new LimitException("package over " + limits.maxTotalBytes()
                            + " bytes decompressed in total; the rest not read");
                }
                total[0] += read;
                out.write(buffer, 0, read);
            }
        }
        return out.toByteArray();
    }

    /** Why a name is unsafe to unpack: absolute, a drive, a parent step, a backslash, a NUL. */
    static Optional<String> unsafeName(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            return Optional.of("empty or NUL in name refused");
        }
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return Optional.of("absolute path refused (zip-slip): " + printable(name));
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("path climbing out of the package refused (zip-slip): " + printable(name));
            }
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("backslash in name refused: " + printable(name));
        }
        return Optional.empty();
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    static boolean isArchive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".jar") || n.endsWith(".apk") || n.endsWith(".xpi") || n.endsWith(".crx");
    }

    private static ArchiveEntry refused(String path, String reason) {
        return new ArchiveEntry(path, new byte[0], Optional.of(reason));
    }
}
