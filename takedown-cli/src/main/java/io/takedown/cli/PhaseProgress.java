package io.takedown.cli;

import io.takedown.app.evasion.EvasionEvaluation;

/** A progress bar per phase of a long evaluation, on a terminal; nothing when not wanted. */
final class PhaseProgress implements EvasionEvaluation.Listener, AutoCloseable {

    private final boolean wanted;
    private Progress progress;

    PhaseProgress(boolean wanted) {
        this.wanted = wanted;
    }

    @Override
    public synchronized void begin(String phase, long total) {
        end();
        progress = Progress.start(phase, total, wanted);
    }

    @Override
    public synchronized void step() {
        if (progress != null) {
            progress.step();
        }
    }

    @Override
    public synchronized void end() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }

    @Override
    public void close() {
        end();
    }
}
