package io.takedown.server.accounts;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.cases.Directory;
import io.takedown.core.Hex;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How directory users prove who they are to the server: passwords (Argon2id), API tokens (random, stored as
 * SHA-256) and console sessions (random id stored as SHA-256, with a CSRF secret). Every credential belongs to
 * a user of {@link Directory}; what the user may then do is decided by {@link Policy} in the services, the same
 * as on the command line. An external login (OIDC) would add an {@code account_identity} row per (issuer,
 * subject) and start the same sessions.
 */
public final class Accounts {

    /** A console session ends this long after it starts, however active. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(10);
    /** Token look-ups are cached this long; a revocation is immediate on this node. */
    private static final Duration TOKEN_CACHE = Duration.ofSeconds(30);

    /** A token as listed: never the secret itself. */
    public record Token(long id, String user, String name, Instant createdAt, Optional<Instant> lastUsedAt,
                        Optional<Instant> revokedAt) {
    }

    /** A token just issued: {@code secret} is shown once and never stored. */
    public record IssuedToken(Token token, String secret) {
    }

    /** A console session: the user and the secret its forms must echo. */
    public record Session(String id, Actor actor, String csrf, Instant expiresAt) {
    }

    /** Why a login was refused; the HTTP layer maps it to 401 or 429 without saying which part was wrong. */
    public static final class LoginRefused extends TakedownException {
        private final Optional<Instant> retryAt;

        LoginRefused(String message, Optional<Instant> retryAt) {
            super(Kind.FORBIDDEN, message);
            this.retryAt = retryAt;
        }

        public Optional<Instant> retryAt() {
            return retryAt;
        }
    }

    /** A token's owner as last read; {@code refreshing} is set while one request reads it again. */
    private record Cached(Actor actor, long tokenId, Instant until, AtomicBoolean refreshing) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Map<String, Cached> tokenCache = new ConcurrentHashMap<>();

    public Accounts(Database database, Directory directory, AuditLog audit, Clock clock, PasswordHasher hasher) {
        this.database = database;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(clock);
    }

    // ------------------------------------------------------------------ passwords

    /**
     * Sets a user's password. An administrator may set anyone's; a user their own. With no acting user (the
     * operator at the machine, e.g. {@code takedown account password}) only a user without a password yet.
     */
    public void setPassword(Optional<Actor> by, String userName, char[] password) {
        if (password.length < PasswordHasher.MIN_PASSWORD_CHARS || password.length > PasswordHasher.MAX_PASSWORD_CHARS) {
            throw new InvalidInputException(null, "a password needs " + PasswordHasher.MIN_PASSWORD_CHARS + "-"
                    + PasswordHasher.MAX_PASSWORD_CHARS + " characters");
        }
        Actor user = directory.actor(userName);
        String hash = hasher.hash(password);
        database.inTransaction(connection -> {
            boolean exists = passwordHash(connection, user.userId()).isPresent();
            if (by.isPresent()) {
                if (!by.get().name().equals(userName)) {
                    Policy.check(by.get(), Action.MANAGE_DIRECTORY);
                }
            } else if (exists) {
                throw new TakedownException(TakedownException.Kind.FORBIDDEN, userName + " already has a password; "
                        + "an administrator or the user changes it");
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM account_password WHERE user_id = ?")) {
                delete.setLong(1, user.userId());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO account_password (user_id, hash, updated_at) VALUES (?, ?, ?)")) {
                insert.setLong(1, user.userId());
                insert.setString(2, hash);
                insert.setString(3, Timestamps.format(clock.instant()));
                insert.executeUpdate();
            }
            audit.append(connection, by.map(Actor::name).orElse("operator"), by.map(Actor::agency).orElse(user.agency()),
                    "password-set", "user:" + userName, null);
            return null;
        });
    }

    /**
     * The user when the password matches. Failures are throttled per user name and per client address; the
     * refusal never says whether the user exists.
     */
    public Actor login(String userName, char[] password, String client) {
        Optional<Instant> locked = throttle.lockedUntil(userName, client);
        if (locked.isPresent()) {
            throw new LoginRefused("too many failed logins; try again after " + locked.get(), locked);
        }
        Optional<Actor> found = actorNamed(userName);
        String stored = found.flatMap(user -> database.inTransaction(c -> passwordHash(c, user.userId()))).orElse(null);
        // Hash even for unknown users so response times do not reveal which names exist.
        boolean ok = stored != null ? PasswordHasher.verify(password, stored)
                : PasswordHasher.verify(password, DUMMY_HASH) && false;
        if (!ok) {
            throttle.failed(userName, client);
            database.inTransaction(connection -> audit.append(connection, userName, found.map(Actor::agency).orElse("-"),
                    "login-failed", "user:" + userName, "from " + client));
            throw new LoginRefused("unknown user or wrong password", Optional.empty());
        }
        throttle.succeeded(userName);
        return found.get();
    }

    private static final String DUMMY_HASH = PasswordHasher.DEFAULT.hash("not-a-password-of-anyone".toCharArray());

    // ------------------------------------------------------------------ API tokens

    /** Issues a token for {@code userName}: the user themselves or an administrator. */
    public IssuedToken issueToken(Actor by, String userName, String tokenName) {
        if (tokenName == null || !tokenName.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}")) {
            throw new InvalidInputException(null, "a token name is 1-100 letters, digits, space . _ -");
        }
        if (!by.name().equals(userName)) {
            Policy.check(by, Action.MANAGE_DIRECTORY);
        }
        return issue(Optional.of(by), userName, tokenName);
    }

    /** Issues a token as the operator at the machine ({@code takedown account token}); audited as such. */
    public IssuedToken issueTokenAsOperator(String userName, String tokenName) {
        return issue(Optional.empty(), userName, tokenName);
    }

    private IssuedToken issue(Optional<Actor> by, String userName, String tokenName) {
        Actor user = directory.actor(userName);
        String secret = "tdk_" + randomToken(32);
        Instant now = clock.instant();
        long id = database.inTransaction(connection -> {
            long created;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_token (user_id, name, token_hash, "
                    + "created_at) VALUES (?, ?, ?, ?) RETURNING id")) {
                insert.setLong(1, user.userId());
                insert.setString(2, tokenName);
                insert.setString(3, sha256(secret));
                insert.setString(4, Timestamps.format(now));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    created = keys.getLong(1);
                }
            }
            audit.append(connection, by.map(Actor::name).orElse("operator"), by.map(Actor::agency).orElse(user.agency()),
                    "token-issued", "user:" + userName, "token " + created + " '" + tokenName + "'");
            return created;
        });
        return new IssuedToken(new Token(id, userName, tokenName, now, Optional.empty(), Optional.empty()), secret);
    }

    /** The user a bearer token belongs to, if it is known and not revoked. */
    public Optional<Actor> authenticateToken(String secret) {
        if (secret == null || !secret.startsWith("tdk_") || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Instant now = clock.instant();
        Cached cached = tokenCache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.actor());
        }
        // Expired: one request reads the token again, the others go on with the answer they had meanwhile (for
        // one more period at most). Otherwise every request in flight on a busy token misses at the same moment
        // and each runs the write below, queued on the database's write lock: a stall every period.
        boolean refresher = cached != null && cached.until().plus(TOKEN_CACHE).isAfter(now);
        if (refresher && !cached.refreshing().compareAndSet(false, true)) {
            return Optional.of(cached.actor());
        }
        try {
            return lookUpToken(hash, now);
        } finally {
            if (refresher) {
                cached.refreshing().set(false);
            }
        }
    }

    private Optional<Actor> lookUpToken(String hash, Instant now) {
        Optional<Map.Entry<Long, String>> owner = database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT t.id, u.name FROM api_token t JOIN app_user u "
                    + "ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL")) {
                query.setString(1, hash);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<Map.Entry<Long, String>>empty();
                    }
                    long id = rows.getLong(1);
                    // Recorded when the cache is refilled (every TOKEN_CACHE at most), not on every request.
                    try (PreparedStatement used = connection.prepareStatement(
                            "UPDATE api_token SET last_used_at = ? WHERE id = ?")) {
                        used.setString(1, Timestamps.format(now));
                        used.setLong(2, id);
                        used.executeUpdate();
                    }
                    return Optional.of(Map.entry(id, rows.getString(2)));
                }
            }
        });
        Optional<Cached> found = owner.flatMap(o -> actorNamed(o.getValue())
                .map(a -> new Cached(a, o.getKey(), now.plus(TOKEN_CACHE), new AtomicBoolean())));
        found.ifPresentOrElse(c -> tokenCache.put(hash, c), () -> tokenCache.remove(hash));
        return found.map(Cached::actor);
    }

    public List<Token> tokens(Actor by, String userName) {
        if (!by.name().equals(userName)) {
            Policy.check(by, Action.MANAGE_DIRECTORY);
        }
        return database.inTransaction(connection -> {
            List<Token> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT t.id, u.name, t.name, t.created_at, "
                    + "t.last_used_at, t.revoked_at FROM api_token t JOIN app_user u ON u.id = t.user_id "
                    + "WHERE u.name = ? ORDER BY t.id")) {
                query.setString(1, userName);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(new Token(rows.getLong(1), rows.getString(2), rows.getString(3),
                                Timestamps.parse(rows.getString(4)), Optional.ofNullable(Timestamps.parse(rows.getString(5))),
                                Optional.ofNullable(Timestamps.parse(rows.getString(6)))));
                    }
                }
            }
            return out;
        });
    }

    /** Revokes a token of the acting user (or any, for an administrator); effective at once on this node. */
    public void revokeToken(Actor by, long tokenId) {
        database.inTransaction(connection -> {
            String owner;
            try (PreparedStatement query = connection.prepareStatement("SELECT u.name FROM api_token t JOIN app_user u "
                    + "ON u.id = t.user_id WHERE t.id = ?")) {
                query.setLong(1, tokenId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw new TakedownException(TakedownException.Kind.NOT_FOUND, "no token " + tokenId);
                    }
                    owner = rows.getString(1);
                }
            }
            if (!owner.equals(by.name())) {
                Policy.check(by, Action.MANAGE_DIRECTORY);
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                update.setString(1, Timestamps.format(clock.instant()));
                update.setLong(2, tokenId);
                update.executeUpdate();
            }
            audit.append(connection, by.name(), by.agency(), "token-revoked", "user:" + owner, "token " + tokenId);
            return null;
        });
        tokenCache.values().removeIf(c -> c.tokenId() == tokenId);
    }

    // ------------------------------------------------------------------ console sessions

    public Session startSession(Actor actor) {
        String id = randomToken(32);
        String csrf = randomToken(32);
        Instant now = clock.instant();
        Instant expires = now.plus(SESSION_LIFETIME);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO console_session (id_hash, user_id, "
                    + "csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, sha256(id));
                insert.setLong(2, actor.userId());
                insert.setString(3, csrf);
                insert.setString(4, Timestamps.format(now));
                insert.setString(5, Timestamps.format(expires));
                insert.executeUpdate();
            }
            audit.append(connection, actor.name(), actor.agency(), "login", "user:" + actor.name(), "console session");
            return null;
        });
        return new Session(id, actor, csrf, expires);
    }

    public Optional<Session> session(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<String[]> row = database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT u.name, s.csrf, s.expires_at FROM "
                    + "console_session s JOIN app_user u ON u.id = s.user_id WHERE s.id_hash = ? AND s.ended_at IS NULL")) {
                query.setString(1, sha256(id));
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)})
                            : Optional.<String[]>empty();
                }
            }
        });
        if (row.isEmpty() || !Timestamps.parse(row.get()[2]).isAfter(now)) {
            return Optional.empty();
        }
        Instant expires = Timestamps.parse(row.get()[2]);
        return actorNamed(row.get()[0]).map(actor -> new Session(id, actor, row.get()[1], expires));
    }

    public void endSession(String id) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE console_session SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL")) {
                update.setString(1, Timestamps.format(clock.instant()));
                update.setString(2, sha256(id));
                update.executeUpdate();
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ internals

    /** The directory's user, read in a transaction of its own (never nested in ours). */
    private Optional<Actor> actorNamed(String name) {
        try {
            return Optional.of(directory.actor(name));
        } catch (TakedownException e) {
            if (e.kind() == TakedownException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<String> passwordHash(Connection connection, long userId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT hash FROM account_password WHERE user_id = ?")) {
            query.setLong(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String sha256(String value) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
