package io.takedown.signals.video;

import io.takedown.signals.media.DecodedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Opens untrusted videos and decodes their frames with FFmpeg, within {@link VideoLimits}. Thread-safe:
 * every call runs its own processes.
 *
 * <p>{@link #open} checks the file size, reads an MP4/MOV's own header ({@link Mp4Header}: cut-short files
 * and absurd declarations are refused without running anything), then asks {@code ffprobe} what the first
 * video stream is. {@link Video#frames} runs {@code ffmpeg} on that stream: frames in display order, the
 * sampling done by FFmpeg's {@code select} filter (frames that are not kept are never converted), each kept
 * frame converted to RGB at its native size by swscale with the area flags and the BT.601 matrix, as Meta's
 * vPDQ reference does, read from a pipe into one reused buffer. Any error FFmpeg reports, a stream that
 * ends short of the frames its container declares, or more frames than it declares, is an error.
 */
public final class VideoDecoder {

    private static final Duration PROBE_TIME = Duration.ofSeconds(30);

    private final VideoLimits limits;
    private final Ffmpeg ffmpeg;

    public VideoDecoder(VideoLimits limits, Ffmpeg ffmpeg) {
        this.limits = limits;
        this.ffmpeg = ffmpeg;
    }

    /** Default limits, FFmpeg from the {@code PATH}. */
    public VideoDecoder() {
        this(VideoLimits.DEFAULT, Ffmpeg.installed());
    }

    public VideoLimits limits() {
        return limits;
    }

    public Ffmpeg ffmpeg() {
        return ffmpeg;
    }

    /** A video ready to decode: its declarations read and checked. */
    public Video open(Path file) {
        String source = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new VideoDecodingException(source, "no such file");
        } catch (IOException e) {
            throw new VideoDecodingException(source, "cannot read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new VideoDecodingException(source, "empty file (0 bytes)");
        }
        if (size > limits.maxFileBytes()) {
            throw new VideoDecodingException(source, "file of " + size + " bytes is over the limit of "
                    + limits.maxFileBytes() + " bytes");
        }
        Optional<Mp4Header.Declared> declared;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            declared = Mp4Header.read(channel, source);
        } catch (IOException e) {
            throw new VideoDecodingException(source, "cannot read: " + e.getMessage(), e);
        }
        declared.ifPresent(d -> {
            limits.checkSize(source, d.width(), d.height());
            if (!Double.isNaN(d.seconds())) {
                limits.checkDuration(source, d.seconds());
            }
            checkFrames(source, d.frames());
        });
        VideoInfo info = probe(file, source);
        limits.checkSize(source, info.width(), info.height());
        if (!Double.isNaN(info.seconds())) {
            limits.checkDuration(source, info.seconds());
        }
        OptionalLong frames = info.frames().isPresent() ? info.frames()
                : declared.map(Mp4Header.Declared::frames).orElse(OptionalLong.empty());
        checkFrames(source, frames);
        return new Video(file, source, new VideoInfo(info.container(), info.codec(), info.width(), info.height(),
                info.frameRate(), info.seconds(), frames));
    }

    private void checkFrames(String source, OptionalLong frames) {
        if (frames.isPresent() && frames.getAsLong() > limits.maxFrames()) {
            throw new VideoDecodingException(source, "video declares " + frames.getAsLong()
                    + " frames, over the limit of " + limits.maxFrames());
        }
    }

    private VideoInfo probe(Path file, String source) {
        List<String> command = ffmpeg.command(ffmpeg.ffprobe(source), "-v", "error", "-select_streams", "v:0",
                "-show_entries", ProbeReport.ENTRIES, "-of", "default", "-i", file.toString());
        Ffmpeg.Result<String> result;
        try {
            result = Ffmpeg.run(command, PROBE_TIME,
                    in -> new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VideoDecodingException(source, "ffprobe failed: " + e.getMessage(), e);
        }
        if (result.timedOut()) {
            throw new VideoDecodingException(source, "ffprobe took longer than " + PROBE_TIME.toSeconds()
                    + " s to read the container");
        }
        if (result.exitCode() != 0) {
            throw new VideoDecodingException(source, "not a readable video: "
                    + withoutPath(result.lastError("ffprobe exit code " + result.exitCode()), file));
        }
        return ProbeReport.parse(result.output(), source);
    }

    /** FFmpeg prefixes messages with the input's path; the report already names the file. */
    private static String withoutPath(String message, Path file) {
        String path = file.toString();
        return message.startsWith(path + ": ") ? message.substring(path.length() + 2) : message;
    }

    /** An opened video; {@link #frames} may be called more than once (each call decodes again). */
    public final class Video {

        private final Path file;
        private final String source;
        private final VideoInfo info;

        private Video(Path file, String source, VideoInfo info) {
            this.file = file;
            this.source = source;
            this.info = info;
        }

        public Path file() {
            return file;
        }

        public String source() {
            return source;
        }

        public VideoInfo info() {
            return info;
        }

        /**
         * Decodes the first video stream and hands every kept frame to {@code sink}, in order.
         *
         * @return how many frames were handed over
         * @throws VideoDecodingException when FFmpeg reports an error, the stream is cut short or longer than
         *     declared, or decoding takes longer than the limits allow
         */
        public long frames(FrameSampling sampling, FrameSink sink) {
            int width = info.width();
            int height = info.height();
            List<String> filters = new ArrayList<>();
            if (sampling.interval() > 1) {
                filters.add("select=not(mod(n\\," + sampling.interval() + "))");
            }
            // A fixed output size: a stream that changes size mid-way is scaled back, so every frame fills
            // exactly one buffer. At the native size swscale converts without scaling.
            filters.add("scale=w=" + width + ":h=" + height + ":flags=area:in_color_matrix=bt601:out_color_matrix=bt601");
            List<String> command = ffmpeg.command(ffmpeg.ffmpeg(source), "-nostdin", "-hide_banner", "-v", "error",
                    "-i", file.toString(), "-map", "0:v:0", "-an", "-sn", "-dn", "-fps_mode", "passthrough",
                    "-sws_flags", "area", "-vf", String.join(",", filters), "-pix_fmt", "rgb24", "-f", "rawvideo",
                    "pipe:1");
            long declared = info.frames().orElse(-1);
            long estimated = Double.isFinite(info.seconds()) ? (long) Math.ceil(info.seconds() * info.frameRate()) : -1;
            long budget = Math.min(limits.maxFrames(), Math.max(declared, estimated) < 0 ? limits.maxFrames()
                    : Math.max(declared, estimated) + Math.max(100, Math.max(declared, estimated) / 10));
            long keptBudget = budget / sampling.interval() + 1;
            Duration time = limits.decodeTime(info.seconds());
            byte[] frame = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
            DecodedImage image = new DecodedImage(width, height, 3, frame);
            Ffmpeg.Result<Long> result;
            try {
                result = Ffmpeg.run(command, time, in -> {
                    long kept = 0;
                    while (readFrame(in, frame)) {
                        if (kept >= keptBudget) {
                            throw new VideoDecodingException(source, "stream holds more than " + budget
                                    + " frames, more than its container declares or the limit allows");
                        }
                        sink.frame(kept * sampling.interval(), image);
                        kept++;
                    }
                    return kept;
                });
            } catch (Ffmpeg.TimedOut e) {
                throw new VideoDecodingException(source, "decoding took longer than " + time.toSeconds() + " s");
            } catch (IOException e) {
                throw new VideoDecodingException(source, "ffmpeg failed: " + e.getMessage(), e);
            }
            if (result.timedOut()) {
                throw new VideoDecodingException(source, "decoding took longer than " + time.toSeconds() + " s");
            }
            String errors = result.stderr().strip();
            if (result.exitCode() != 0 || !errors.isEmpty()) {
                throw new VideoDecodingException(source, "corrupt or truncated video: "
                        + withoutPath(result.lastError("ffmpeg exit code " + result.exitCode()), file));
            }
            long kept = result.output();
            if (kept == 0) {
                throw new VideoDecodingException(source, "no frame could be decoded");
            }
            // Edit lists may legitimately hide a few declared frames; a cut-off stream misses many (and an MP4
            // cut short is caught from its header, FFmpeg reports a partial packet).
            if (declared > 0 && declared - kept * sampling.interval() > 10 + declared / 100) {
                throw new VideoDecodingException(source, String.format(Locale.ROOT,
                        "truncated: the stream ends after about %d of the %d frames its container declares",
                        kept * sampling.interval(), declared));
            }
            return kept;
        }
    }

    /** Fills {@code frame}; false at a clean end of stream, an error when the stream ends inside a frame. */
    private static boolean readFrame(InputStream in, byte[] frame) throws IOException {
        int filled = 0;
        while (filled < frame.length) {
            int read = in.read(frame, filled, frame.length - filled);
            if (read < 0) {
                if (filled == 0) {
                    return false;
                }
                throw new EOFException("the frame stream ends inside a frame");
            }
            filled += read;
        }
        return true;
    }
}
