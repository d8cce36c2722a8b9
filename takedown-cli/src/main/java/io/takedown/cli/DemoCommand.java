package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.app.demo.Demo;
import io.takedown.app.demo.DemoAct;
import io.takedown.app.demo.DemoListener;
import io.takedown.app.demo.DemoResult;
import io.takedown.app.demo.DemoSettings;
import io.takedown.range.RangeSize;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code takedown demo}: runs the demo service ({@link Demo}) on the embedded store and renders each act as
 * it completes; long steps get a progress bar on a terminal.
 */
@Command(name = "demo", description = {
    "Run a whole operation end to end on a synthetic range.",
    "Generates fictional outlets and banks their originals (the seeded bank), finds their mirrors, crawls them",
    "with the monitor (WARC evidence; hits open cases in four member states' authorities), plans an action day",
    "(deconfliction, go/no-go, signed plan), strikes at H-hour, follows compliance, crawls again at +1 h, +24 h",
    "and +7 d to measure what came back and which mirrors appeared, and writes the after-action report.",
    "Each run keeps its own embedded store under DATA_DIR/demo/."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TakedownCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Range seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--size", defaultValue = "small", description = "small or medium (default ${DEFAULT-VALUE}).")
    String size;
    @Option(names = "--no-progress", description = "Plain progress lines instead of bars (bars appear only on a terminal).")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DemoSettings settings = DemoSettings.of(seed, RangeSize.parse(size));
        DemoRendering rendering = new DemoRendering(out);
        try (Takedown workspace = root.workspace()) {
            out.printf("Takedown demo on a synthetic range (seed %d, %s). Everything below is generated; nothing is "
                    + "real content.%nData directory: %s%n%n", seed, settings.size().name(), root.home().root());
            out.flush();
            boolean bars = !noProgress && Terminal.interactive();
            DemoResult result = new Demo(workspace).run(settings, root.actor(), new DemoListener() {
                private Progress progress;
                private String task;
                private long started;
                private long done;

                @Override
                public void begin(String name, long total) {
                    progress = Progress.start(name, total, bars);
                    task = name;
                    started = System.nanoTime();
                    done = 0;
                }

                @Override
                public void step() {
                    progress.step();
                    done++;
                }

                @Override
                public void progress(long finished, long max) {
                    progress.update(finished, max);
                    done = finished;
                }

                @Override
                public void end() {
                    progress.close();
                    if (!bars) {
                        // Without a bar, one plain line per long step says what it did and how long it took.
                        rendering.note(String.format(java.util.Locale.ROOT, "%s: %,d done in %.1f s", task, done,
                                (System.nanoTime() - started) / 1e9));
                    }
                }

                @Override
                public void note(String line) {
                    rendering.note(line);
                }

                @Override
                public void act(DemoAct act) {
                    rendering.render(act);
                }
            });
            rendering.summary(result);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
