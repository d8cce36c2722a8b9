package io.takedown.monitor.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipMemberTest {

    @Test
    void gzipMember_concatenatedMembers_readBackAsTheirInputs() throws IOException {
        byte[] text = "WARC/1.1\r\nWARC-Type: response\r\n\r\n".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] noise = new byte[200_000];
        new SplittableRandom(3).nextBytes(noise);
        byte[] empty = new byte[0];
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (byte[] input : new byte[][] {text, noise, empty, text}) {
            file.writeBytes(WarcArchive.gzipMember(input));
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(text);
        expected.writeBytes(noise);
        expected.writeBytes(text);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void gzipMember_onVirtualThreads_sameBytesAsOnPlatformThreads() throws Exception {
        byte[] input = "a record body ".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] platform = WarcArchive.gzipMember(input);
        try (var virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(virtual.submit(() -> WarcArchive.gzipMember(input)).get()).isEqualTo(platform);
        }
    }
}
