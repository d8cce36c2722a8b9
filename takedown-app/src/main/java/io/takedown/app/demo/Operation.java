package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.cases.CaseFile;
import io.takedown.cases.Item;
import io.takedown.infra.graph.InfraGraph;
import io.takedown.infra.weakpoints.Suggestions;
import io.takedown.infra.weakpoints.TargetSuggestion;
import io.takedown.range.RangeServer;
import java.net.URI;
import java.util.TreeMap;
import io.takedown.access.Handling;
import io.takedown.app.Takedown;
import io.takedown.operations.board.Board;
import io.takedown.operations.deconfliction.Hit;
import io.takedown.operations.deconfliction.Scope;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.SignedPlan;
import io.takedown.operations.plan.Target;
import io.takedown.operations.plan.TargetRequest;
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
 * The demo's operation up to H-hour, from the cases the monitor opened: each authority's items are grouped
 * by the provider hosting them (the address the name resolves to, as a lookup of the hosting network would
 * say), the hub plans an action day with all four authorities, two agencies protect URLs of their
 * investigations, targets are added per case and provider, one conflict is released and one kept, the plan
 * is frozen and signed, and three of the four agencies give their go. The weak-point analysis is asked which
 * infrastructure targets would cut the most reach.
 */
final class Operation {

    static final String REASONS = "synthetic range item standing in for terrorist content "
            + "(glorification of a fictional attack)";
    /** H-hour, from the start of the demo in range time. */
    static final Duration H_HOUR = Duration.ofHours(14);
    /** Targets the weak-point analysis is asked for. */
    static final int SUGGESTION_BUDGET = 3;

    private final World world;
    private final Takedown platform;
    private final RangeServer server;
    private final RangeClock clock;
    private final DemoSettings settings;
    private final DemoDirectory.People people;
    private final DemoListener listener;

    Operation(World world, Takedown platform, RangeServer server, RangeClock clock, DemoSettings settings,
              DemoDirectory.People people, DemoListener listener) {
        this.world = world;
        this.platform = platform;
        this.server = server;
        this.clock = clock;
        this.settings = settings;
        this.people = people;
        this.listener = listener;
    }

    /** One agency's case: its items by provider directory code. */
    private record OpenCase(String agency, long caseId, Map<String, List<Long>> itemsByProvider, List<String> urls) {
    }

    /** Plans, deconflicts, freezes and gets the go; returns the action day's id. */
    long plan(List<String> leads, List<DemoAct> acts) {
        Map<String, String> providerAt = new LinkedHashMap<>();
        world.providers().forEach(p -> providerAt.put(p.address(), DemoDirectory.providerCode(p.id())));
        List<OpenCase> cases = new ArrayList<>();
        Map<String, Integer> perDomain = new LinkedHashMap<>();
        Map<String, Integer> notTargeted = new TreeMap<>();
        for (String[] authority : DemoDirectory.AUTHORITIES) {
            Actor analyst = people.analysts().get(authority[0]);
            for (CaseFile file : platform.cases().cases(analyst)) {
                if (!file.agency().equals(authority[0])) {
                    continue;
                }
                Map<String, List<Long>> byProvider = new LinkedHashMap<>();
                List<String> urls = new ArrayList<>();
                for (Item item : platform.cases().items(analyst, file.id())) {
                    String host = URI.create(item.url()).getHost();
                    Optional<String> provider = server.resolve(host)
                            .map(a -> providerAt.get(a.getAddress().getHostAddress()));
                    if (provider.isEmpty()) {
                        notTargeted.merge("behind a CDN or no longer resolving: the hosting provider is not known",
                                1, Integer::sum);
                        continue;
                    }
                    if (perDomain.merge(host, 1, Integer::sum) > settings.targetsPerDomain()) {
                        notTargeted.merge("beyond " + settings.targetsPerDomain() + " targets per domain (kept for "
                                + "the next action day)", 1, Integer::sum);
                        continue;
                    }
                    byProvider.computeIfAbsent(provider.get(), p -> new ArrayList<>()).add(item.id());
                    urls.add(item.url());
                }
                if (!byProvider.isEmpty()) {
                    cases.add(new OpenCase(authority[0], file.id(), byProvider, urls));
                }
            }
        }

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
        Suggestions.Result suggested = suggestions();
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
        List<DemoAct.Suggested> suggestions = suggested.targets().stream().map(t -> new DemoAct.Suggested(t.rank(),
                t.target(), t.addressee(), t.reachRemoved(), taken(t))).toList();
        acts.add(emit(new DemoAct.Plan(day.id(), frozen.name(), frozen.coordinator(), hHour, board.parts(),
                targets.size(), (int) targets.stream().map(Target::provider).distinct().count(),
                (int) targets.stream().map(Target::providerCountry).distinct().count(), conflicts,
                frozen.plan().map(SignedPlan::documentSha256).orElse(""), frozen.plan().map(p -> p.keyId()).orElse(""),
                platform.actionPlanning().verifyPlan(people.coordinator(), day.id()),
                notTargeted.values().stream().mapToInt(Integer::intValue).sum(),
                notTargeted.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList(), suggestions,
                suggested.suggested().share(), SUGGESTION_SOURCE)));
        return day.id();
    }

    /** The weak-point analysis runs on the generated graph until the graph observed by the crawls is persisted. */
    static final String SUGGESTION_SOURCE = "the range's infrastructure graph as generated, its ground truth";

    /** The weak-point analysis on the infrastructure as it stands now. */
    private Suggestions.Result suggestions() {
        InfraGraph graph = platform.infraEvaluation().truthGraph(world.seed(), world.size(),
                Duration.between(io.takedown.range.infra.Infrastructure.START, clock.instant()));
        return platform.infraEvaluation().suggest(graph, SUGGESTION_BUDGET);
    }

    /**
     * Whether a suggestion can be a target of this action day: removal orders go to hosting providers, so a
     * registrar, a domain (its registrar) or a CDN account cannot be one.
     */
    private static String taken(TargetSuggestion suggestion) {
        return switch (suggestion.kind()) {
            case "provider" -> "its content is targeted through the cases";
            case "update-url" -> "no capture of it in the cases";
            default -> "not a hosting provider: no removal order reaches it";
        };
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
