package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.infra.resurfacing.BankContentMatcher;
import io.takedown.infra.resurfacing.ContentCapture;
import io.takedown.infra.resurfacing.ResurfacingAlert;
import io.takedown.infra.resurfacing.Removal;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.operations.afteraction.AfterActionService;
import io.takedown.operations.afteraction.ResurfacingSource;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import io.takedown.range.infra.InfraEvent;
import io.takedown.range.infra.Resurfaced;
import io.takedown.range.infra.Site;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What comes back after the strike, measured the way an operation would: executed removal orders are
 * watched ({@code RemovalIntake} into {@code ResurfacingWatch}, which banks their signals), the names
 * registered since are observed and new mirrors confirmed into the monitor's scope, the monitor crawls
 * again, and every new capture is checked against the removed content. The range's ground truth (its
 * infrastructure's record of what came back and which domains were registered) only scores the result.
 */
final class Aftermath implements ResurfacingSource {

    private final World world;
    private final Takedown platform;
    private final RangeServer server;
    private final RangeClock clock;
    private final DemoDirectory.People people;
    private final Monitoring monitoring;
    private final MirrorWatch mirrors;
    private final Instant hHour;
    private final Map<String, String> providerAt = new HashMap<>();
    private final List<ResurfacingAlert> alerts = new ArrayList<>();
    private final Map<Long, String> providerOfAlert = new HashMap<>();

    Aftermath(World world, Takedown platform, RangeServer server, RangeClock clock, DemoDirectory.People people,
              Monitoring monitoring, MirrorWatch mirrors, Instant hHour) {
        this.world = world;
        this.platform = platform;
        this.server = server;
        this.clock = clock;
        this.people = people;
        this.monitoring = monitoring;
        this.mirrors = mirrors;
        this.hHour = hHour;
        world.providers().forEach(p -> providerAt.put(p.address(), DemoDirectory.providerCode(p.id())));
    }

    /** One checkpoint: watch what was removed, look for new mirrors, crawl, check, score. */
    DemoAct.Checkpoint checkpoint(Duration after) {
        String label = "H+" + AfterActionService.label(after);
        for (Actor analyst : people.analysts().values()) {
            platform.removalIntake().trackExecuted(analyst, platform.resurfacingWatch());
        }
        mirrors.scan(label, c -> monitoring.confirm(c.outlet(), c.host()));
        Monitoring.Cycle cycle = monitoring.crawl(label);
        List<ContentCapture> fresh = new ArrayList<>();
        for (CaptureRow capture : cycle.captures()) {
            // New or changed content only: a revisit is content seen before, not something that came back.
            if (capture.status() == 200 && !capture.kind().equals("revisit") && !capture.signals().isEmpty()) {
                fresh.add(new ContentCapture(capture.url(), capture.host(), Optional.empty(), capture.fetchedAt(),
                        Monitoring.signals(capture)));
            }
        }
        List<ResurfacingAlert> raised = platform.resurfacingWatch().check(fresh,
                new BankContentMatcher(platform.matcher(MatchSettings.DEFAULTS)));
        for (ResurfacingAlert alert : raised) {
            providerOfAlert.put(alert.id(), server.resolve(alert.host())
                    .map(a -> providerAt.getOrDefault(a.getAddress().getHostAddress(), "a CDN edge")).orElse("?"));
        }
        alerts.addAll(raised);
        return score(label, after, cycle, raised);
    }

    private DemoAct.Checkpoint score(String label, Duration after, Monitoring.Cycle cycle, List<ResurfacingAlert> raised) {
        Instant now = clock.instant();
        List<Removal> removals = platform.resurfacingWatch().allRemovals();
        Set<String> removedUrls = new HashSet<>();
        removals.forEach(r -> removedUrls.add(r.url()));
        List<Resurfaced> truth = server.infrastructure().resurfaced(now).stream()
                .filter(r -> removedUrls.contains(r.removedUrl()) && !r.at().isAfter(now)).toList();
        Set<String> returnUrls = new HashSet<>();
        truth.forEach(r -> {
            returnUrls.add(r.url());
            if (!r.mediaUrl().isEmpty()) {
                returnUrls.add(r.mediaUrl());
            }
        });
        int found = 0;
        for (Resurfaced back : truth) {
            boolean named = alerts.stream().anyMatch(a -> a.removedUrl().equals(back.removedUrl())
                    && (a.url().equals(back.url()) || a.url().equals(back.mediaUrl())));
            if (named) {
                found++;
            }
        }
        int right = (int) alerts.stream().filter(a -> returnUrls.contains(a.url())).count();
        Map<String, Site> sites = server.infrastructure().stateAt(now).sites();
        int newDomains = (int) server.infrastructure().events(now).stream()
                .filter(e -> e.kind() == InfraEvent.Kind.DOMAIN_REGISTERED && !e.at().isBefore(hHour)).count();
        List<MirrorWatch.Confirmed> fresh = mirrors.confirmed().stream().filter(c -> !c.at().isBefore(hHour)).toList();
        int freshRight = (int) fresh.stream().filter(c -> Optional.ofNullable(sites.get(c.host()))
                .flatMap(Site::outlet).map(c.outlet()::equals).orElse(false)).count();
        // Examples from this crawl's own alerts: the earlier ones were shown at their checkpoint.
        List<String> examples = raised.stream().limit(2).map(a -> a.removedUrl() + " back at " + a.url() + " after "
                + AfterActionService.label(a.sinceRemoval())).toList();
        var result = cycle.summary().result();
        return new DemoAct.Checkpoint(label, after, result.fetched(), result.newItems(), result.revisits(), cycle.took(),
                removals.size(), alerts.size(), right, truth.size(), found, newDomains, fresh.size(), freshRight, examples);
    }

    @Override
    public String description() {
        return "the monitor's crawls at +1 h, +24 h and +7 d matched against the removed-content bank (resurfacing "
                + "watch), and mirrors proposed from observed sites and confirmed by analysts";
    }

    @Override
    public List<Reappearance> resurfaced(List<String> removedUrls, Instant from, Instant until) {
        Set<String> removed = new HashSet<>(removedUrls);
        Map<String, Reappearance> out = new LinkedHashMap<>();
        for (ResurfacingAlert alert : alerts) {
            if (removed.contains(alert.removedUrl()) && !alert.seenAt().isBefore(from) && !alert.seenAt().isAfter(until)) {
                out.putIfAbsent(alert.removedUrl() + " " + alert.url(), new Reappearance(alert.removedUrl(), alert.url(),
                        providerOfAlert.getOrDefault(alert.id(), "?"), alert.seenAt()));
            }
        }
        return List.copyOf(out.values());
    }

    @Override
    public List<NewMirror> newMirrors(Instant from, Instant until) {
        List<NewMirror> out = new ArrayList<>();
        for (MirrorWatch.Confirmed c : mirrors.confirmed()) {
            if (!c.at().isBefore(from) && !c.at().isAfter(until)) {
                String provider = server.resolve(c.host())
                        .map(a -> providerAt.getOrDefault(a.getAddress().getHostAddress(), "a CDN edge")).orElse("?");
                out.add(new NewMirror(c.host(), c.outlet(), provider, c.at()));
            }
        }
        return out;
    }

    static String host(String url) {
        return URI.create(url).getHost();
    }
}
