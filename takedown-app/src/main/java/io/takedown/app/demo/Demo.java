package io.takedown.app.demo;

import io.takedown.app.Takedown;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeExporter;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the whole operation on a synthetic range: generate, detect, open cases, plan, strike, follow, measure,
 * report, verify. The platform's own services do every step; the demo only plays the people (analysts,
 * approvers, the coordinator, the providers' staff) and moves range time.
 */
public final class Demo {

    private final Takedown platform;

    public Demo(Takedown platform) {
        this.platform = platform;
    }

    /** Where the demo writes the range and its reports for {@code settings}. */
    public Path directory(DemoSettings settings) {
        return platform.home().resolve("demo").resolve("range-" + settings.seed() + "-" + settings.size().name());
    }

    public DemoResult run(DemoSettings settings, String actor, DemoListener listener) {
        long started = System.nanoTime();
        List<DemoAct> acts = new ArrayList<>();
        World world = World.generate(settings.seed(), settings.size());
        Path dir = directory(settings);
        listener.begin("Generating range", world.size().articles());
        try {
            new RangeExporter(world).export(dir, n -> listener.step());
        } finally {
            listener.end();
        }
        acts.add(emit(listener, new DemoAct.RangeReady(world.seed(), world.size().name(), world.outlets().size(),
                world.size().articles(), world.size().items(), world.providers().size(), dir,
                "the range's ground truth: the outlets' pages as generated (the monitor's crawler is not on main yet)")));

        Detection.Outcome detection = new Detection(world, dir, platform, listener).run(actor);
        acts.add(emit(listener, detection.act()));

        RangeClock clock = RangeClock.manual(settings.start());
        Takedown onRangeTime = platform.withClock(clock);
        Optional<DemoDirectory.People> people = DemoDirectory.ensure(onRangeTime.directory(), world);
        if (people.isEmpty()) {
            acts.add(emit(listener, new DemoAct.Skipped("the action day", "the directory in this data directory "
                    + "belongs to someone else; run the demo with a fresh --home")));
            return new DemoResult(acts, Duration.ofNanos(System.nanoTime() - started));
        }
        try (RangeServer server = new RangeServer(world, clock).start()) {
            DemoDirectory.wire(onRangeTime.directory(), people.get().admin(), world, server);
            long actionId = new Operation(world, onRangeTime, clock, settings, people.get(), listener)
                    .plan(detection.found(), acts);
            new AfterHHour(world, onRangeTime, clock, server, people.get(), listener, dir)
                    .run(actionId, settings.start().plus(Operation.H_HOUR), acts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the range on loopback", e);
        }
        return new DemoResult(acts, Duration.ofNanos(System.nanoTime() - started));
    }

    private static DemoAct emit(DemoListener listener, DemoAct act) {
        listener.act(act);
        return act;
    }
}
