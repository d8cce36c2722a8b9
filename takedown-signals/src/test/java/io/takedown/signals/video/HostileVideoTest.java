package io.takedown.signals.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.signals.TestVideos;
import io.takedown.signals.vpdq.VpdqHasher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Videos an adversary or a broken crawler hands us: each is refused with its reason, in bounded time. */
class HostileVideoTest {

    @TempDir
    static Path dir;
    private static Path good;
    private final VideoDecoder decoder = new VideoDecoder();

    @BeforeAll
    static void makeAVideo() throws IOException {
        Assumptions.assumeTrue(Ffmpeg.installed().available(), Ffmpeg.installed().describe());
        good = TestVideos.mp4(dir.resolve("good.mp4"), 160, 96, 10, 40, TestVideos.shapes(3));
    }

    @Test
    void goodVideo_decodesEveryDeclaredFrame() {
        VideoDecoder.Video video = decoder.open(good);
        assertThat(video.info().width()).isEqualTo(160);
        assertThat(video.info().frames()).hasValue(40);
        assertThat(video.info().frameRate()).isEqualTo(10.0);
        assertThat(video.frames(FrameSampling.EVERY_FRAME, (n, rgb) -> { })).isEqualTo(40);
        assertThat(video.frames(FrameSampling.everySeconds(1, 10), (n, rgb) -> assertThat(n % 10).isZero()))
                .isEqualTo(4);
    }

    @Test
    void truncatedMp4_isRefusedFromItsHeader() throws IOException {
        byte[] whole = Files.readAllBytes(good);
        Path cut = write("cut.mp4", Arrays.copyOf(whole, whole.length * 2 / 3));
        assertThatThrownBy(() -> decoder.open(cut)).isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void absurdDimensions_areRefusedBeforeDecoding() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int stsd = indexOf(bytes, "avc1", indexOf(bytes, "stsd", 0));
        ByteBuffer.wrap(bytes).putShort(stsd + 4 + 24, (short) 60000).putShort(stsd + 4 + 26, (short) 60000);
        Path huge = write("huge.mp4", bytes);
        assertThatThrownBy(() -> decoder.open(huge)).isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining("60000x60000");
    }

    @Test
    void absurdDuration_isRefusedBeforeDecoding() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int mvhd = indexOf(bytes, "mvhd");
        // Version 0: timescale at +12, duration at +16 after the type.
        ByteBuffer.wrap(bytes).putInt(mvhd + 4 + 12, 1).putInt(mvhd + 4 + 16, 2_000_000_000);
        Path eternal = write("eternal.mp4", bytes);
        assertThatThrownBy(() -> decoder.open(eternal)).isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining("over the limit of");
    }

    @Test
    void impossibleBoxSizes_areRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int moov = indexOf(bytes, "moov");
        ByteBuffer.wrap(bytes).putInt(moov - 4, 3);
        Path broken = write("box.mp4", bytes);
        assertThatThrownBy(() -> decoder.open(broken)).isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining("impossible size");
    }

    @Test
    void randomBytesAndNonVideos_areRefusedWithAReason() throws IOException {
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        Path random = write("noise.mp4", noise);
        assertThatThrownBy(() -> decoder.open(random)).isInstanceOf(VideoDecodingException.class)
                .hasMessageStartingWith(random + ": ");
        Path empty = write("empty.mp4", new byte[0]);
        assertThatThrownBy(() -> decoder.open(empty)).hasMessageContaining("empty file");
    }

    @Test
    void corruptedFrames_areAnErrorNotHalfAHash() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int mdat = indexOf(bytes, "mdat");
        int mdatEnd = mdat - 4 + ByteBuffer.wrap(bytes).getInt(mdat - 4);
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            int at = mdat + 200 + random.nextInt(mdatEnd - mdat - 200);
            bytes[at] = (byte) random.nextInt(256);
        }
        Path damaged = write("damaged.mp4", bytes);
        assertThatThrownBy(() -> new VpdqHasher().hash(decoder.open(damaged), 0))
                .isInstanceOf(VideoDecodingException.class).hasMessageContaining("corrupt");
    }

    @Test
    void moreFramesThanTheLimit_stopsTheDecoder() {
        VideoDecoder tight = new VideoDecoder(VideoLimits.DEFAULT.withMaxFrames(100), Ffmpeg.installed());
        VideoDecoder.Video video = tight.open(good);
        VideoDecoder strict = new VideoDecoder(VideoLimits.DEFAULT.withMaxFrames(39), Ffmpeg.installed());
        assertThat(video.frames(FrameSampling.EVERY_FRAME, (n, rgb) -> { })).isEqualTo(40);
        assertThatThrownBy(() -> strict.open(good)).hasMessageContaining("over the limit of 39");
    }

    @Test
    void slowDecoding_isStoppedAtTheTimeLimit() {
        VideoDecoder impatient = new VideoDecoder(VideoLimits.DEFAULT.withTime(Duration.ofMillis(300),
                Duration.ofMillis(300)), Ffmpeg.installed());
        VideoDecoder.Video video = impatient.open(good);
        assertThatThrownBy(() -> video.frames(FrameSampling.EVERY_FRAME, (n, rgb) -> sleep()))
                .isInstanceOf(VideoDecodingException.class).hasMessageContaining("longer than");
    }

    @Test
    void withoutFfmpeg_theMessageSaysWhatToInstall(@TempDir Path nothing) {
        VideoDecoder none = new VideoDecoder(VideoLimits.DEFAULT, Ffmpeg.in(nothing));
        assertThatThrownBy(() -> none.open(good)).isInstanceOf(VideoDecodingException.class)
                .hasMessageContaining("apt-get install ffmpeg");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static int indexOf(byte[] bytes, String type) {
        return indexOf(bytes, type, 0);
    }

    private static int indexOf(byte[] bytes, String type, int from) {
        byte[] needle = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no " + type);
    }
}
