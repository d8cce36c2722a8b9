package io.takedown.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed logins for one user name or from one
 * client address, each further attempt waits for a lock that doubles per failure (1 minute up to 1 hour).
 * A success clears the user's counter. Kept in memory: a restart forgets it, which costs an attacker a
 * restart of our process, not a bypass.
 */
public final class LoginThrottle {

    public static final int FREE_FAILURES = 5;
    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofHours(1);
    private static final Duration FORGET_AFTER = Duration.ofHours(6);

    private record Failures(int count, Instant lastAt, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** When the user or the client may try again, if either is locked now. */
    public Optional<Instant> lockedUntil(String user, String client) {
        Instant now = clock.instant();
        Instant latest = null;
        for (String key : new String[] {"user:" + user, "client:" + client}) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)
                    && (latest == null || f.lockedUntil().isAfter(latest))) {
                latest = f.lockedUntil();
            }
        }
        return Optional.ofNullable(latest);
    }

    public void failed(String user, String client) {
        Instant now = clock.instant();
        for (String key : new String[] {"user:" + user, "client:" + client}) {
            failures.compute(key, (k, old) -> {
                int count = old == null || old.lastAt().plus(FORGET_AFTER).isBefore(now) ? 1 : old.count() + 1;
                Instant lock = null;
                if (count > FREE_FAILURES) {
                    long factor = 1L << Math.min(count - FREE_FAILURES - 1, 6);
                    Duration wait = FIRST_LOCK.multipliedBy(factor);
                    lock = now.plus(wait.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : wait);
                }
                return new Failures(count, now, lock);
            });
        }
    }

    public void succeeded(String user) {
        failures.remove("user:" + user);
    }
}
