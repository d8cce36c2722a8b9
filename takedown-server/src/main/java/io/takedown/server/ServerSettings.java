package io.takedown.server;

import io.takedown.app.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the server listens and what it accepts, from {@link Settings} ({@code server.*}, {@code hma.*} keys in
 * {@code takedown.properties} or {@code TAKEDOWN_SERVER_*} variables).
 *
 * @param host             address to bind; loopback by default (put a TLS proxy in front to serve others)
 * @param port             0 picks a free port
 * @param maxBodyBytes     larger request bodies are refused with 413 before they are read
 * @param hmaLoopbackUser  when set, HMA routes called from a loopback address without a token act as this
 *                         directory user (HMA deployments often sit behind a local proxy); never by default
 * @param secureCookies    mark the session cookie Secure (when served over HTTPS through a proxy)
 * @param shutdownGrace    how long in-flight requests may finish after a stop is requested
 * @param fetchHosts       hosts {@code /h/hash?url=} may fetch from; only loopback addresses are ever contacted
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Optional<String> hmaLoopbackUser,
                             boolean secureCookies, Duration shutdownGrace, Set<String> fetchHosts) {

    public static final long DEFAULT_MAX_BODY = 32L * 1024 * 1024;

    public static ServerSettings from(Settings settings) {
        return new ServerSettings(settings.get("server.host", "127.0.0.1"),
                settings.integer("server.port", 8080, 0, 65535),
                settings.size("server.max-body", DEFAULT_MAX_BODY),
                settings.flag("hma.open-loopback", false) ? Optional.of(settings.get("hma.loopback-user")
                        .orElseThrow(() -> new io.takedown.core.InvalidInputException(null,
                                "hma.open-loopback needs hma.loopback-user: the directory user those calls act as")))
                        : Optional.empty(),
                settings.flag("server.secure-cookies", false),
                Duration.ofSeconds(settings.integer("server.shutdown-grace-seconds", 10, 0, 600)),
                Arrays.stream(settings.get("hma.fetch-hosts", "127.0.0.1,localhost").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    /** Loopback on a free port, defaults otherwise: for tests. */
    public static ServerSettings forTests() {
        return from(Settings.empty().with("server.port", "0"));
    }

    public ServerSettings withPort(int other) {
        return new ServerSettings(host, other, maxBodyBytes, hmaLoopbackUser, secureCookies, shutdownGrace, fetchHosts);
    }

    public ServerSettings withHmaLoopbackUser(String user) {
        return new ServerSettings(host, port, maxBodyBytes, Optional.ofNullable(user), secureCookies, shutdownGrace,
                fetchHosts);
    }

    public ServerSettings withMaxBodyBytes(long bytes) {
        return new ServerSettings(host, port, bytes, hmaLoopbackUser, secureCookies, shutdownGrace, fetchHosts);
    }
}
