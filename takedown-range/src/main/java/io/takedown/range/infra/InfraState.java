package io.takedown.range.infra;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The infrastructure at one instant of range time: every registered site, the targets that are down
 * (struck with effect), every channel with its audience, and the content that came back after removal.
 */
public record InfraState(Instant at, Map<String, Site> sites, Set<Target> down, List<Channel> channels,
                         List<Resurfaced> resurfaced) {

    public InfraState {
        sites = Map.copyOf(sites);
        down = Set.copyOf(down);
        channels = List.copyOf(channels);
        resurfaced = List.copyOf(resurfaced);
    }

    public Optional<Site> site(String domain) {
        return Optional.ofNullable(sites.get(domain));
    }

    /** What a site needs to be served: its domain, registrar, origin provider and CDN account if fronted. */
    public Optional<Set<Target>> route(String domain) {
        Site site = sites.get(domain);
        if (site == null) {
            return Optional.empty();
        }
        Set<Target> route = new LinkedHashSet<>();
        route.add(Target.domain(domain));
        route.add(Target.registrar(site.registrar()));
        route.add(Target.provider(site.provider()));
        site.cdnAccount().ifPresent(account -> route.add(Target.cdnAccount(account)));
        return Optional.of(route);
    }

    /** The alternative ways a channel reaches its audience; it is alive while one has nothing down. */
    public List<Set<Target>> routes(Channel channel) {
        List<Set<Target>> routes = new ArrayList<>();
        for (String endpoint : channel.endpoints()) {
            boolean url = endpoint.startsWith("http://") || endpoint.startsWith("https://");
            String domain = url ? URI.create(endpoint).getHost() : endpoint;
            route(domain).ifPresent(route -> {
                Set<Target> full = new LinkedHashSet<>(route);
                if (url) {
                    full.add(Target.updateUrl(endpoint));
                }
                routes.add(full);
            });
        }
        return routes;
    }

    public boolean reachable(String domain) {
        return route(domain).map(route -> route.stream().noneMatch(down::contains)).orElse(false);
    }

    public boolean alive(Channel channel) {
        return !channel.since().isAfter(at)
                && routes(channel).stream().anyMatch(route -> route.stream().noneMatch(down::contains));
    }

    /** Audience reached now by the outlet's live channels. */
    public long reach(String outlet) {
        return channels.stream().filter(c -> c.outlet().equals(outlet) && alive(c)).mapToLong(Channel::audience).sum();
    }

    public long reach() {
        return channels.stream().filter(this::alive).mapToLong(Channel::audience).sum();
    }
}
