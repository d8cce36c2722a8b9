package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.infra.evaluation.InfraFigures;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeExporter;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the whole operation on a synthetic range: generate; bank the originals (the seeded bank); find the
 * outlets' mirrors; crawl with the monitor, whose hits open the authorities' cases; plan the action day from
 * those cases; strike; follow compliance; crawl again at +1 h, +24 h and +7 days to measure what came back and
 * which mirrors appeared; report; verify the audit trail. The platform's own services do every step; the demo
 * only plays the people (analysts, approvers, the coordinator, the providers' staff) and moves range time.
 * The range's ground truth is read only to score what the services found.
 *
 * <p>Each run is an operation of its own, in its own embedded store under the range's folder
 * ({@code run-N}), so a second run starts clean and the user's own data directory never holds fictional
 * agencies or orders.
 */
public final class Demo {

    /** Budget for the weak-point figures (the exhaustive optimum is enumerated up to it on small worlds). */
    static final int INFRA_BUDGET = 4;

    private final Takedown platform;

    public Demo(Takedown platform) {
        this.platform = platform;
    }

    /** Where the demo writes the range for {@code settings}; each run's store is a {@code run-N} folder in it. */
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
        Path run = nextRun(dir);
        RangeClock clock = RangeClock.manual(settings.start());
        try (Takedown ops = Takedown.open(TakedownConfig.embedded(run).withClock(clock));
             RangeServer server = new RangeServer(world, clock).start()) {
            acts.add(emit(listener, new DemoAct.RangeReady(world.seed(), world.size().name(), world.outlets().size(),
                    world.size().articles(), world.size().items(), world.providers().size(),
                    server.infrastructure().stateAt(clock.instant()).sites().size(), dir, run)));
            acts.add(emit(listener, new SeededBank(world, dir, listener).load(ops.banks(), actor)));

            Optional<DemoDirectory.People> found = DemoDirectory.ensure(ops.directory(), world);
            if (found.isEmpty()) {
                acts.add(emit(listener, new DemoAct.Skipped("the operation", "the directory in " + run
                        + " belongs to someone else")));
                return new DemoResult(acts, Duration.ofNanos(System.nanoTime() - started));
            }
            DemoDirectory.People people = found.get();
            DemoDirectory.wire(ops.directory(), people.admin(), world, server);
            // The providers verify each order against its issuing authority's published key (keys/agency/CODE/).
            server.issuerKeys().trustDirectory(ops.home().root());
            operation(world, ops, server, clock, settings, people, run, listener, acts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the range on loopback", e);
        }
        long infraStarted = System.nanoTime();
        listener.note("Infrastructure figures on this world against its ground truth (scratch store)");
        InfraFigures figures = platform.infraFigures(settings.seed(), settings.size(), INFRA_BUDGET);
        acts.add(emit(listener, new DemoAct.Infrastructure(figures, Duration.ofNanos(System.nanoTime() - infraStarted))));
        return new DemoResult(acts, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void operation(World world, Takedown ops, RangeServer server, RangeClock clock, DemoSettings settings,
                                  DemoDirectory.People people, Path run, DemoListener listener, List<DemoAct> acts) {
        // Who leads on what: outlets round the first three authorities; the fourth follows one mirror that the
        // last outlet's own pages link to (its own investigation), and will not give its go in time.
        List<String> leads = DemoDirectory.AUTHORITIES.stream().limit(3).map(a -> a[0]).toList();
        String lateAgency = DemoDirectory.AUTHORITIES.get(3)[0];
        Map<String, String> leadOf = new LinkedHashMap<>();
        for (Outlet outlet : world.outlets()) {
            leadOf.put(outlet.id(), leads.get(outlet.index() % leads.size()));
        }
        Outlet last = world.outlets().getLast();
        String lateMirror = lateMirror(world, last, server);

        Map<String, Actor> caseOwners = new LinkedHashMap<>(people.analysts());
        Monitoring monitoring = new Monitoring(world, ops.monitor(), server, caseOwners, listener);
        monitoring.watch(leadOf);
        monitoring.watchSeparately(last.id(), lateMirror, lateAgency);
        MirrorWatch mirrors = new MirrorWatch(world, ops.mirrorReview(), server, clock,
                outlet -> people.analysts().get(leadOf.get(outlet)), listener);
        acts.add(emit(listener, mirrors.scan("before the operation", c -> {
            if (!c.host().equals(lateMirror)) {
                monitoring.confirm(c.outlet(), c.host());
            }
        })));

        Monitoring.Cycle first = monitoring.crawl("first crawl");
        Map<String, Integer> itemsPerAgency = new LinkedHashMap<>();
        int cases = 0;
        for (Map.Entry<String, Actor> analyst : people.analysts().entrySet()) {
            for (var file : ops.cases().cases(analyst.getValue())) {
                if (file.agency().equals(analyst.getKey())) {
                    cases++;
                    itemsPerAgency.merge(analyst.getKey(), ops.cases().items(analyst.getValue(), file.id()).size(),
                            Integer::sum);
                }
            }
        }
        acts.add(emit(listener, Coverage.score(world, first, ops.matcher(MatchSettings.DEFAULTS), SeededBank.name(world),
                itemsPerAgency, cases)));

        long actionId = new Operation(world, ops, server, clock, settings, people, listener).plan(leads, acts);
        java.time.Instant hHour = settings.start().plus(Operation.H_HOUR);
        AfterHHour after = new AfterHHour(ops, clock, server, people, listener, run);
        after.run(actionId, hHour, new Aftermath(world, ops, server, clock, people, monitoring, mirrors, hHour), acts);
        acts.add(emit(listener, after.audit(hHour)));
    }

    /**
     * The mirror the fourth authority follows: the last one the outlet's own pages link to that a hosting
     * provider serves directly (its name resolves to a provider's address, not to a CDN's edge).
     */
    private static String lateMirror(World world, Outlet outlet, RangeServer server) {
        java.util.Set<String> providers = new java.util.HashSet<>();
        world.providers().forEach(p -> providers.add(p.address()));
        List<String> mirrors = outlet.domains().subList(1, outlet.domains().size());
        for (int i = mirrors.size() - 1; i >= 0; i--) {
            boolean direct = server.resolve(mirrors.get(i))
                    .map(a -> providers.contains(a.getAddress().getHostAddress())).orElse(false);
            if (direct) {
                return mirrors.get(i);
            }
        }
        return mirrors.getLast();
    }

    /** The next {@code run-N} folder under {@code dir}. */
    private static Path nextRun(Path dir) {
        int next = 1;
        try (Stream<Path> entries = Files.list(dir)) {
            next += entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("run-\\d{1,9}"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4))).max().orElse(0);
            Path run = dir.resolve("run-" + next);
            Files.createDirectories(run);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's run folder in " + dir, e);
        }
    }

    static DemoAct emit(DemoListener listener, DemoAct act) {
        listener.act(act);
        return act;
    }
}
