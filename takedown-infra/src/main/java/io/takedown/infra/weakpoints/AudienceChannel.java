package io.takedown.infra.weakpoints;

import java.util.List;
import java.util.Set;

/**
 * One way an outlet reaches people, for the reach model.
 *
 * @param routes alternatives: the channel works while every target of at least one route stands
 */
public record AudienceChannel(String id, String outlet, String kind, long audience, List<Set<String>> routes) {

    public AudienceChannel {
        routes = routes.stream().map(Set::copyOf).toList();
    }
}
