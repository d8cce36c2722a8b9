package io.takedown.app.demo;

/**
 * How the demo reports while it runs: long steps as tasks with a size (for a progress bar), short lines as
 * notes, and each act's result as soon as it is complete.
 */
public interface DemoListener {

    /** A long step starts; {@link #step()} is called {@code total} times, then {@link #end()}. */
    default void begin(String task, long total) {
    }

    default void step() {
    }

    /** Instead of steps, for work whose size grows as it is discovered (a crawl): done so far of at least max. */
    default void progress(long done, long max) {
    }

    default void end() {
    }

    /** A short line about what happens now. */
    default void note(String line) {
    }

    /** An act is complete. */
    default void act(DemoAct act) {
    }

    DemoListener SILENT = new DemoListener() {
    };
}
