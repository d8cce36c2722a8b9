package io.takedown.signals.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ffmpeg} and {@code ffprobe} programs: found on the {@code PATH} (or in the folder named by
 * {@code -Dtakedown.ffmpeg} / {@code $TAKEDOWN_FFMPEG}), run with a time limit, their error output kept
 * (the last 4 KiB) for the message when they fail. Debian's {@code ffmpeg} 5.1 is what Meta's vPDQ
 * reference was built against here; other versions decode the same but may convert colours differently.
 */
public final class Ffmpeg {

    private static final int STDERR_KEPT = 4096;

    private final Optional<Path> ffmpeg;
    private final Optional<Path> ffprobe;

    private Ffmpeg(Optional<Path> ffmpeg, Optional<Path> ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** The programs this process uses, looked up once. */
    public static Ffmpeg installed() {
        return Holder.INSTALLED;
    }

    /** Programs in one folder (tests point this at an empty folder to see the message without FFmpeg). */
    public static Ffmpeg in(Path folder) {
        return new Ffmpeg(executable(folder.resolve("ffmpeg")), executable(folder.resolve("ffprobe")));
    }

    private static final class Holder {
        static final Ffmpeg INSTALLED = find();
    }

    private static Ffmpeg find() {
        String configured = System.getProperty("takedown.ffmpeg", System.getenv("TAKEDOWN_FFMPEG"));
        if (configured != null && !configured.isBlank()) {
            return in(Path.of(configured));
        }
        String path = System.getenv("PATH");
        Optional<Path> ffmpeg = Optional.empty();
        Optional<Path> ffprobe = Optional.empty();
        for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            if (ffmpeg.isEmpty()) {
                ffmpeg = executable(Path.of(dir, "ffmpeg"));
            }
            if (ffprobe.isEmpty()) {
                ffprobe = executable(Path.of(dir, "ffprobe"));
            }
        }
        return new Ffmpeg(ffmpeg, ffprobe);
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    public boolean available() {
        return ffmpeg.isPresent() && ffprobe.isPresent();
    }

    /** Why video cannot be decoded here, when it cannot. */
    public Optional<String> unavailableReason() {
        if (available()) {
            return Optional.empty();
        }
        return Optional.of((ffmpeg.isEmpty() ? "ffmpeg" : "ffprobe")
                + " not found on the PATH; install FFmpeg (Debian: apt-get install ffmpeg) to hash videos");
    }

    /** The first line of {@code ffmpeg -version}, or the reason it is unavailable. */
    public String describe() {
        if (!available()) {
            return unavailableReason().orElseThrow();
        }
        try {
            Result<String> result = run(List.of(ffmpeg.get().toString(), "-hide_banner", "-version"), Duration.ofSeconds(10),
                    in -> new String(in.readNBytes(4096), StandardCharsets.UTF_8));
            return ffmpeg.get() + ": " + result.output().lines().findFirst().orElse("unknown version");
        } catch (IOException | RuntimeException e) {
            return ffmpeg.get() + ": cannot run (" + e.getMessage() + ")";
        }
    }

    Path ffmpeg(String source) {
        return ffmpeg.orElseThrow(() -> new VideoDecodingException(source, unavailableReason().orElseThrow()));
    }

    Path ffprobe(String source) {
        return ffprobe.orElseThrow(() -> new VideoDecodingException(source, unavailableReason().orElseThrow()));
    }

    /** Writes a process's standard input. */
    @FunctionalInterface
    public interface InputWriter {
        void write(java.io.OutputStream stdin) throws IOException;
    }

    /**
     * Runs {@code ffmpeg} with {@code arguments} (input and output named in them), feeding its standard input
     * from {@code input} (e.g. raw frames for {@code -f rawvideo -i pipe:0}); for tools that make videos, such
     * as the range. Standard output is discarded.
     *
     * @throws IOException naming FFmpeg's last error when it fails, is missing or takes longer than {@code limit}
     */
    public void execute(List<String> arguments, Duration limit, InputWriter input) throws IOException {
        if (ffmpeg.isEmpty()) {
            throw new IOException(unavailableReason().orElseThrow());
        }
        List<String> command = new ArrayList<>();
        command.add(ffmpeg.get().toString());
        command.addAll(List.of("-hide_banner", "-v", "error"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StderrTail tail = new StderrTail(process.getErrorStream());
        Thread errors = Thread.ofVirtual().name("ffmpeg-stderr").start(tail);
        try {
            try (java.io.OutputStream stdin = process.getOutputStream()) {
                input.write(stdin);
            } catch (IOException e) {
                // ffmpeg stopped reading: its exit code and error output say why
            }
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException("ffmpeg took longer than " + limit.toSeconds() + " s");
            }
            errors.join(Duration.ofSeconds(5));
            if (process.exitValue() != 0) {
                List<String> lines = tail.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                throw new IOException("ffmpeg failed (exit code " + process.exitValue() + "): "
                        + (lines.isEmpty() ? "no message" : lines.getLast()));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg ran", e);
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
        }
    }

    /** Reads a process's standard output. */
    @FunctionalInterface
    interface OutputReader<T> {
        T read(InputStream stdout) throws IOException;
    }

    /**
     * A finished run.
     *
     * @param exitCode the process's exit code
     * @param stderr the last few KiB of its error output
     * @param timedOut whether it was killed for taking too long
     */
    record Result<T>(T output, int exitCode, String stderr, boolean timedOut) {
        /** The last non-blank line of the error output, or a default. */
        String lastError(String otherwise) {
            List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? otherwise : lines.getLast();
        }
    }

    /**
     * Runs a command, hands its standard output to {@code reader} on this thread, and kills it (with its
     * children) when {@code limit} passes or when the reader stops early (returns or throws).
     */
    static <T> Result<T> run(List<String> command, Duration limit, OutputReader<T> reader) throws IOException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
        StderrTail tail = new StderrTail(process.getErrorStream());
        Thread errors = Thread.ofVirtual().name("ffmpeg-stderr").start(tail);
        Thread watchdog = Thread.ofVirtual().name("ffmpeg-watchdog").start(() -> {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    tail.timedOut = true;
                    kill(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        T output;
        try (InputStream stdout = process.getInputStream()) {
            output = reader.read(stdout);
        } catch (IOException | RuntimeException e) {
            kill(process);
            if (tail.timedOut) {
                throw new TimedOut(limit);
            }
            throw e;
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
        }
        try {
            int exitCode = process.waitFor();
            watchdog.interrupt();
            errors.join(Duration.ofSeconds(5));
            return new Result<>(output, exitCode, tail.text(), tail.timedOut);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.getFirst(), e);
        }
    }

    /** Thrown to the reader's caller when the watchdog killed the process. */
    static final class TimedOut extends IOException {
        TimedOut(Duration limit) {
            super("took longer than " + limit.toSeconds() + " s");
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Keeps the last {@link #STDERR_KEPT} bytes of a stream, so a chatty decoder cannot fill the heap. */
    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final byte[] ring = new byte[STDERR_KEPT];
        private long written;
        volatile boolean timedOut;

        StderrTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[1024];
            try (in) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        for (int i = 0; i < read; i++) {
                            ring[(int) (written++ % STDERR_KEPT)] = buffer[i];
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process went away; what was read is what there is
            }
        }

        synchronized String text() {
            int length = (int) Math.min(written, STDERR_KEPT);
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                out[i] = ring[(int) ((written - length + i) % STDERR_KEPT)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    List<String> command(Path program, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(arguments));
        return command;
    }
}
