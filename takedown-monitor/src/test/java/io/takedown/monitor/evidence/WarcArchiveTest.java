package io.takedown.monitor.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarcArchiveTest {

    @TempDir
    Path folder;

    @Test
    void writeResource_twoArchivesInTheSameSecond_eachWritesItsOwnFile() throws Exception {
        Clock clock = Clock.systemUTC();
        EvidenceRef first;
        EvidenceRef second;
        // Opened back to back: both file names start with the same second and process id.
        try (WarcArchive a = new WarcArchive(folder, 1L << 30, clock, "test");
             WarcArchive b = new WarcArchive(folder, 1L << 30, clock, "test")) {
            first = a.writeResource(URI.create("file:///a.txt"), "text/plain", bytes("a"), Map.of());
            second = b.writeResource(URI.create("file:///b.txt"), "text/plain", bytes("b"), Map.of());
        }
        assertThat(first.file()).isNotEqualTo(second.file());
        assertThat(EvidenceReader.payload(folder, first.file(), first.offset())).isEqualTo(bytes("a"));
        assertThat(EvidenceReader.payload(folder, second.file(), second.offset())).isEqualTo(bytes("b"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
