package io.takedown.monitor.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.evolution.ChannelSite;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

class PackageReaderTest {

    private static final World WORLD = World.generate(42, RangeSize.SMALL);
    private final PackageReader reader = new PackageReader();

    private static byte[] served(String path) {
        var outlet = WORLD.outlets().getFirst();
        return ChannelSite.render(WORLD, outlet, WORLD.size().articlesPerOutlet() + 8, path).orElseThrow().bytes();
    }

    @Test
    void read_rangeApk_binaryManifestReadByApkParser() throws Exception {
        PackageInfo info = reader.read("apk", served("/downloads/app.apk"));
        assertThat(info.problems()).isEmpty();
        assertThat(info.id()).contains("test.range." + WORLD.outlets().getFirst().id());
        assertThat(info.name()).contains(WORLD.outlets().getFirst().name());
        assertThat(info.version()).hasValueSatisfying(v -> assertThat(v).startsWith("1.0."));
        assertThat(info.permissions()).contains("android.permission.INTERNET");
        assertThat(info.hosts()).contains(WORLD.outlets().getFirst().primaryDomain());
        assertThat(info.urls()).anySatisfy(u -> assertThat(u).endsWith("/downloads/app-update.json"));
        assertThat(info.entries()).extracting(ArchiveEntry::path).contains("assets/logo.png");
    }

    @Test
    void read_rangeCrx_crx3HeaderVerifiesAndNamesTheExtension() throws Exception {
        byte[] crx = served("/downloads/extension.crx");
        Crx3 parsed = Crx3.parse(crx);
        assertThat(parsed.proofs()).singleElement().satisfies(p -> {
            assertThat(p.verified()).isTrue();
            assertThat(p.idMatchesKey()).isTrue();
        });
        assertThat(parsed.extensionId()).hasValueSatisfying(id -> assertThat(id).matches("[a-p]{32}"));
        PackageInfo info = reader.read("crx", crx);
        assertThat(info.problems()).isEmpty();
        assertThat(info.updateUrls()).singleElement().asString().endsWith("/updates.json");
        assertThat(served("/downloads/extension.crx")).isEqualTo(crx); // same world, same bytes
    }

    @Test
    void read_tamperedCrx_reportsTheFailedProof() throws Exception {
        byte[] crx = served("/downloads/extension.crx");
        crx[crx.length - 30] ^= 1;
        PackageInfo info;
        try {
            info = reader.read("crx", crx);
        } catch (SafeUnzip.ArchiveException e) {
            return; // the flipped byte broke the zip itself: also refused with a reason
        }
        assertThat(info.problems()).anySatisfy(p -> assertThat(p).contains("does not verify"));
    }

    @Test
    void read_xpi_manifestUpdateUrlAndLinks() throws Exception {
        PackageInfo info = reader.read("xpi", served("/downloads/extension.xpi"));
        assertThat(info.name()).contains(WORLD.outlets().getFirst().name());
        assertThat(info.urls()).anySatisfy(u -> assertThat(u).contains("/articles/"));
    }

    @Test
    void entries_hostileNames_refusedOneByOneRestRead() throws Exception {
        byte[] zip = zip(List.of("../../etc/passwd", "/abs/olute", "C:/windows/x", "ok/fine.txt", "a\\..\\b"));
        List<ArchiveEntry> entries = new SafeUnzip(ArchiveLimits.DEFAULT).entries(zip);
        assertThat(entries).filteredOn(e -> e.refused().isEmpty()).extracting(ArchiveEntry::path)
                .containsExactly("ok/fine.txt");
        assertThat(entries).filteredOn(e -> e.refused().isPresent()).hasSize(4)
                .allSatisfy(e -> assertThat(e.refused().get()).containsAnyOf("zip-slip", "backslash"));
    }

    @Test
    void entries_symlink_refused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry link = new ZipArchiveEntry("link");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        List<ArchiveEntry> entries = new SafeUnzip(ArchiveLimits.DEFAULT).entries(bytes.toByteArray());
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.refused()).contains("symbolic link refused"));
    }

    @Test
    void entries_zipBomb_refusedByRatio() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("bomb.txt"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                out.write(zeros); // 50 MiB of zeros deflate to ~50 KiB
            }
            out.closeEntry();
            out.putNextEntry(new ZipEntry("after.txt"));
            out.write("still read".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        List<ArchiveEntry> entries = new SafeUnzip(ArchiveLimits.DEFAULT).entries(bytes.toByteArray());
        assertThat(entries.getFirst().refused()).hasValueSatisfying(r -> assertThat(r).contains("zip bomb"));
        assertThat(entries.get(1).refused()).isEmpty();
    }

    @Test
    void entries_zstdOrOtherOptionalMethod_refusedRestRead() throws Exception {
        byte[] zip = zip(List.of("packed.txt", "plain.txt"));
        // Rewrite the first entry's method to 93 (zstd) in its local header and its central directory record.
        zip[8] = 93;
        zip[9] = 0;
        int central = indexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
        zip[central + 10] = 93;
        zip[central + 11] = 0;
        List<ArchiveEntry> entries = new SafeUnzip(ArchiveLimits.DEFAULT).entries(zip);
        assertThat(entries.getFirst().refused()).hasValueSatisfying(r -> assertThat(r).contains("compression method 93"));
        assertThat(entries.get(1).refused()).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void entries_nestedTooDeep_notOpened() throws Exception {
        byte[] inner = zip(List.of("deep.txt"));
        for (int level = 0; level < 4; level++) {
            inner = zipWith("level" + level + ".zip", inner);
        }
        List<ArchiveEntry> entries = new SafeUnzip(ArchiveLimits.DEFAULT).entries(inner);
        assertThat(entries).anySatisfy(e -> assertThat(e.refused()).hasValueSatisfying(r -> assertThat(r).contains("nested")));
        assertThat(entries).noneSatisfy(e -> assertThat(e.path()).endsWith("deep.txt"));
    }

    @Test
    void read_garbage_clearError() {
        assertThatThrownBy(() -> reader.read("xpi", "not a zip at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SafeUnzip.ArchiveException.class).hasMessageContaining("not a readable zip");
        assertThatThrownBy(() -> reader.read("crx", Arrays.copyOf("Cr24".getBytes(StandardCharsets.US_ASCII), 40)))
                .isInstanceOf(SafeUnzip.ArchiveException.class);
        assertThat(PackageReader.kindOf("x.bin", "Cr24xxxx".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Optional.of("crx"));
    }

    static byte[] zip(List<String> names) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            for (String name : names) {
                out.putArchiveEntry(new ZipArchiveEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zipWith(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
