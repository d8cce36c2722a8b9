package io.takedown.signals.video;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Any bytes given as an MP4/MOV header yield a declaration, nothing (not ISO media), or a
 * {@link VideoDecodingException}; never another exception, and never more memory than the movie-header
 * limit. Replays {@code Mp4HeaderFuzzTestInputs} under {@code verify}; fuzzes with {@code JAZZER_FUZZ=1}.
 */
class Mp4HeaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"ftyp", "moov", "mvhd", "trak", "tkhd", "mdia", "mdhd", "hdlr", "vide", "minf", "stbl",
        "stsd", "stsz", "avc1", "mdat", "free", "isom"})
    void headerReadsOrRefuses(byte[] input) throws IOException {
        try {
            Mp4Header.read(new BytesChannel(input), "fuzz").ifPresent(declared -> {
                if (declared.width() < 0 || declared.height() < 0) {
                    throw new IllegalStateException("negative size " + declared);
                }
            });
        } catch (VideoDecodingException expected) {
            // refused with a reason
        }
    }

    /** A read-only channel over bytes. */
    static final class BytesChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;

        BytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
