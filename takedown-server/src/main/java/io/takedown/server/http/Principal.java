package io.takedown.server.http;

import io.takedown.access.Actor;
import io.takedown.server.accounts.Accounts;
import java.util.Optional;

/**
 * Who is calling: the directory user and, for console requests, their session (whose CSRF secret forms echo).
 */
public record Principal(Actor actor, Optional<Accounts.Session> session) {
}
