package io.takedown.cli;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error when a terminal is attached, else nothing. */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final long startedNanos = System.nanoTime();
    private boolean closed;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total, boolean wanted) {
        if (!wanted || !Terminal.interactive()) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .showSpeed()
                .setMaxRenderedLength(100)
                .build();
        return new Progress(bar);
    }

    /** A bar over bytes of input that also shows rows per second. */
    static Progress bytes(String task, long totalBytes, boolean wanted) {
        if (!wanted || !Terminal.interactive()) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(1, totalBytes))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .setUnit(" MB", 1_000_000)
                .setMaxRenderedLength(110)
                .build());
    }

    /** Moves a bytes bar to {@code bytes} and shows the row rate. */
    void rows(long bytes, long rows) {
        if (bar != null) {
            bar.stepTo(bytes);
            double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, "%,d rows, %,.0f rows/s", rows, rows / seconds));
        }
    }

    void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Moves the bar to {@code done} of {@code max} (a total that grows as work is discovered). */
    void update(long done, long max) {
        if (bar != null) {
            bar.maxHint(Math.max(max, done));
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null && !closed) {
            closed = true;
            bar.close();
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
