package io.takedown.app.demo;

import io.takedown.operations.afteraction.ResurfacingSource;
import io.takedown.range.Notice;
import io.takedown.range.Outlet;
import io.takedown.range.RangeHttpClient;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What came back, from the range's ground truth: a provider that re-hosts puts removed content back on
 * another of the outlet's domains the moment it removes it. Each reappearance is confirmed by fetching it on
 * the range. Stands in until the monitor crawls and the infrastructure line detects resurfacing and mirrors.
 */
final class RangeObservation implements ResurfacingSource {

    private final World world;
    private final RangeServer server;
    private final RangeHttpClient client;

    RangeObservation(World world, RangeServer server) {
        this.world = world;
        this.server = server;
        this.client = new RangeHttpClient(server::resolve);
    }

    @Override
    public String description() {
        return "the range's ground truth, each reappearance confirmed by fetching it on the range (resurfacing and "
                + "mirror detection by the monitor and infrastructure lines are not on main yet; this range version "
                + "does not register new mirror domains)";
    }

    @Override
    public List<Reappearance> resurfaced(List<String> removedUrls, Instant from, Instant until) {
        Set<String> removed = new HashSet<>(removedUrls);
        List<Reappearance> out = new ArrayList<>();
        for (Notice notice : server.notices().values()) {
            if (!removed.contains(notice.url()) || notice.rehostedTo().isEmpty() || notice.dueAt().isEmpty()) {
                continue;
            }
            Instant at = notice.dueAt().get();
            if (at.isBefore(from) || at.isAfter(until) || !online(notice.rehostedTo().get())) {
                continue;
            }
            out.add(new Reappearance(notice.url(), notice.rehostedTo().get(), provider(notice.rehostedTo().get()), at));
        }
        out.sort(java.util.Comparator.comparing(Reappearance::at).thenComparing(Reappearance::removedUrl));
        return out;
    }

    @Override
    public List<NewMirror> newMirrors(Instant from, Instant until) {
        return List.of();
    }

    private boolean online(String url) {
        try {
            return client.get(url).status() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private String provider(String url) {
        String host = URI.create(url).getHost();
        Optional<Outlet> outlet = world.outletOf(host);
        return outlet.map(o -> DemoDirectory.providerCode(o.providers().get(o.domains().indexOf(host)))).orElse("?");
    }
}
