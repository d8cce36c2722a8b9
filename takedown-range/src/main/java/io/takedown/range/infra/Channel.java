package io.takedown.range.infra;

import java.time.Instant;
import java.util.List;

/**
 * One way an outlet reaches people, with a synthetic audience.
 *
 * @param id e.g. {@code web:velara-bulletin.test}, {@code extension:o01}
 * @param endpoints the domain for {@link ChannelKind#WEB} and {@link ChannelKind#NEWSLETTER}; the update or
 *                  configuration URLs, in order of preference, for extensions and apps
 * @param since when the channel started reaching its audience
 */
public record Channel(String id, String outlet, ChannelKind kind, String name, long audience, List<String> endpoints,
                      Instant since) {

    public Channel {
        endpoints = List.copyOf(endpoints);
    }
}
