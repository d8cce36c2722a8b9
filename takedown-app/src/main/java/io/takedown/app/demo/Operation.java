package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.app.Takedown;
import io.takedown.operations.board.Board;
import io.takedown.operations.deconfliction.Hit;
import io.takedown.operations.deconfliction.Scope;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.SignedPlan;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's operation up to H-hour: each authority opens cases for the outlets it leads on, the hub plans
 * an action day with all of them, two agencies protect URLs of their investigations, targets are added per
 * case and provider, one conflict is released and one kept, the plan is frozen and signed, and three of the
 * four agencies give their go.
 */
final class Operation {

    static final String REASONS = "synthetic range item standing in for terrorist content "
            + "(glorification of a fictional attack)";
    /** H-hour, from the start of the demo in range time. */
    static final Duration H_HOUR = Duration.ofHours(14);

    private final World world;
    private final Takedown platform;
    private final RangeClock clock;
    private final DemoSettings settings;
    private final DemoDirectory.People people;
    private final DemoListener listener;

    Operation(World world, Takedown platform, RangeClock clock, DemoSettings settings, DemoDirectory.People people,
              DemoListener listener) {
        this.world = world;
        this.platform = platform;
        this.clock = clock;
        this.settings = settings;
        this.people = people;
        this.listener = listener;
    }

    /** One agency's case for one outlet: its items by range provider. */
    private record OpenCase(String agency, long caseId, Map<String, List<Long>> itemsByProvider, List<String> urls) {
    }

    /** Opens cases, plans, deconflicts, freezes and gets the go; returns the action day's id. */
    long plan(List<Detection.Found> found, List<DemoAct> acts) {
        Map<String, String> leadOf = new LinkedHashMap<>();
        List<String> leads = DemoDirectory.AUTHORITIES.stream().limit(3).map(a -> a[0]).toList();
        String lateAgency = DemoDirectory.AUTHORITIES.get(3)[0];
        for (Outlet outlet : world.outlets()) {
            leadOf.put(outlet.id(), leads.get(outlet.index() % leads.size()));
        }
        // The last agency joins for one mirror domain of the last outlet.
        Outlet last = world.outlets().getLast();
        String lateDomain = last.domains().getLast();

        Map<String, List<Detection.Found>> byCase = new LinkedHashMap<>();
        Map<String, Integer> perDomain = new LinkedHashMap<>();
        for (Detection.Found f : found) {
            if (perDomain.merge(f.domain(), 1, Integer::sum) > settings.targetsPerDomain()) {
                continue;
            }
            String agency = f.domain().equals(lateDomain) ? lateAgency : leadOf.get(f.outlet());
            byCase.computeIfAbsent(agency + "|" + f.outlet(), k -> new ArrayList<>()).add(f);
        }
        int items = byCase.values().stream().mapToInt(List::size).sum();
        listener.note("Opening cases: " + items + " matched items for " + byCase.size() + " cases in "
                + (leads.size() + 1) + " authorities");
        listener.begin("Opening cases", items);
        List<OpenCase> cases = new ArrayList<>();
        for (Map.Entry<String, List<Detection.Found>> entry : byCase.entrySet()) {
            String agency = entry.getKey().split("\\|")[0];
            Outlet outlet = world.outlets().stream().filter(o -> o.id().equals(entry.getKey().split("\\|")[1]))
                    .findFirst().orElseThrow();
            Actor analyst = people.analysts().get(agency);
            long caseId = platform.cases().createCase(analyst, "outlet " + outlet.id() + " (" + outlet.name()
                    + ") on the synthetic range, seed " + world.seed(), Handling.AMBER, false).id();
            Map<String, List<Long>> byProvider = new LinkedHashMap<>();
            List<String> urls = new ArrayList<>();
            for (Detection.Found f : entry.getValue()) {
                long item = platform.cases().addItem(analyst, caseId, f.url(), Optional.of("range:" + f.url()), Map.of(),
                        List.of("entity:" + outlet.id(), "behaviour:propaganda"), Handling.AMBER).id();
                byProvider.computeIfAbsent(DemoDirectory.providerCode(f.rangeProvider()), p -> new ArrayList<>())
                        .add(item);
                urls.add(f.url());
                listener.step();
            }
            cases.add(new OpenCase(agency, caseId, byProvider, urls));
        }
        listener.end();
        Map<String, Integer> itemsPerAgency = new LinkedHashMap<>();
        Map<String, List<String>> outletsPerAgency = new LinkedHashMap<>();
        byCase.forEach((key, list) -> {
            String[] parts = key.split("\\|");
            itemsPerAgency.merge(parts[0], list.size(), Integer::sum);
            outletsPerAgency.computeIfAbsent(parts[0], a -> new ArrayList<>()).add(parts[1]);
        });
        acts.add(emit(new DemoAct.Cases(itemsPerAgency, outletsPerAgency, cases.size())));

        // Two investigations protect one URL each: DE's (AMBER) in an NL case, FR's (RED) in a DE case.
        String deProtects = firstUrlOf(cases, leads.get(0));
        String frProtects = firstUrlOf(cases, leads.get(1));
        platform.deconfliction().register(people.approvers().get(leads.get(1)), Scope.URL, deProtects,
                "ongoing investigation into the outlet's administrators (fictional)",
                "duty desk +49 30 0000 0000 (fictional), quote the conflict reference", Handling.AMBER);
        platform.deconfliction().register(people.approvers().get(leads.get(2)), Scope.URL, frProtects,
                "undercover account in contact with the uploader (fictional)",
                "permanence +33 1 0000 0000 (fictional)", Handling.RED);

        Instant hHour = settings.start().plus(H_HOUR);
        List<String> participants = DemoDirectory.AUTHORITIES.stream().map(a -> a[0]).toList();
        ActionDay day = platform.actionPlanning().create(people.coordinator(), "Operation Synthetic Dawn (seed "
                + world.seed() + ", " + world.size().name() + ")", hHour, participants);
        int groups = cases.stream().mapToInt(c -> c.itemsByProvider().size()).sum();
        listener.begin("Adding targets", groups);
        for (OpenCase c : cases) {
            Actor analyst = people.analysts().get(c.agency());
            c.itemsByProvider().forEach((provider, ids) -> {
                platform.actionPlanning().addTargets(analyst, day.id(), TargetRequest.orders(c.caseId(), provider,
                        REASONS).items(ids));
                listener.step();
            });
        }
        listener.end();
        // DE's investigation no longer needs its URL online: it releases the hold. FR keeps its own.
        for (Hit hit : platform.deconfliction().hits(people.approvers().get(leads.get(1)))) {
            if (hit.actionId() == day.id() && hit.status().equals("held")) {
                platform.deconfliction().release(people.approvers().get(leads.get(1)), hit.reference());
            }
        }
        clock.advance(Duration.ofMinutes(30));
        ActionDay frozen = platform.actionPlanning().freeze(people.coordinator(), day.id());
        clock.advance(Duration.ofMinutes(30));
        for (String agency : leads) {
            platform.goNoGo().approve(people.approvers().get(agency), day.id());
        }
        Board board = platform.boards().board(people.coordinator(), day.id());
        List<String> conflicts = board.conflicts().stream().map(c -> c.reference() + " " + c.status() + ": "
                + c.contact()).toList();
        List<Target> targets = platform.actionPlanning().targets(people.coordinator(), day.id());
        acts.add(emit(new DemoAct.Plan(day.id(), frozen.name(), frozen.coordinator(), hHour, board.parts(),
                targets.size(), (int) targets.stream().map(Target::provider).distinct().count(),
                (int) targets.stream().map(Target::providerCountry).distinct().count(), conflicts,
                frozen.plan().map(SignedPlan::documentSha256).orElse(""), frozen.plan().map(p -> p.keyId()).orElse(""),
                platform.actionPlanning().verifyPlan(people.coordinator(), day.id()))));
        return day.id();
    }

    private static String firstUrlOf(List<OpenCase> cases, String agency) {
        return cases.stream().filter(c -> c.agency().equals(agency)).flatMap(c -> c.urls().stream()).skip(1)
                .findFirst().orElseThrow();
    }

    private DemoAct emit(DemoAct act) {
        listener.act(act);
        return act;
    }
}
