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
    "Generates fictional outlets, banks their originals and finds their altered mirror copies, opens cases in",
    "four member states' authorities, plans an action day (deconfliction, go/no-go, signed plan), strikes at",
    "H-hour, follows compliance, measures what resurfaced and writes the after-action report (HTML, PDF)."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TakedownCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Range seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--size", defaultValue = "small", description = "small or medium (default ${DEFAULT-VALUE}).")
    String size;
    @Option(names = "--no-progress", description = "No progress bars (they appear only on a terminal anyway).")
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
            DemoResult result = new Demo(workspace).run(settings, root.actor(), new DemoListener() {
                private Progress progress;

                @Override
                public void begin(String task, long total) {
                    progress = Progress.start(task, total, !noProgress);
                }

                @Override
                public void step() {
                    progress.step();
                }

                @Override
                public void end() {
                    progress.close();
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
