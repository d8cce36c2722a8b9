package io.takedown.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.Directory;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts on both databases: passwords, throttling, tokens, sessions. */
class AccountsTest {

    @TempDir
    Path directory;

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final PasswordHasher FAST = new PasswordHasher(1024, 1, 1);

    @Test
    void passwordsTokensSessions_onEveryDatabase() {
        for (TestDatabases.Target target : TestDatabases.fresh(directory)) {
            MovableClock clock = new MovableClock();
            try (Database database = target.open()) {
                AuditLog audit = new AuditLog(database.dialect(), Signer.ephemeral(), clock);
                Directory dir = new Directory(database, audit);
                dir.addAgency(Optional.empty(), "NL-IRU", "IRU", "NL", AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
                dir.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
                Actor admin = dir.actor("admin");
                dir.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
                dir.addUser(Optional.of(admin), "bob", "NL-IRU", Set.of(Role.ANALYST));
                Accounts accounts = new Accounts(database, dir, audit, clock, FAST);

                accounts.setPassword(Optional.empty(), "ana", "correct horse battery".toCharArray());
                assertThatThrownBy(() -> accounts.setPassword(Optional.empty(), "ana", "another password!".toCharArray()))
                        .as(target.name()).isInstanceOf(TakedownException.class);
                assertThatThrownBy(() -> accounts.setPassword(Optional.of(dir.actor("bob")), "ana",
                        "bob sets ana's password".toCharArray())).isInstanceOf(TakedownException.class);
                assertThatThrownBy(() -> accounts.setPassword(Optional.empty(), "bob", "short".toCharArray()))
                        .isInstanceOf(TakedownException.class);
                assertThat(accounts.login("ana", "correct horse battery".toCharArray(), "127.0.0.1").name())
                        .isEqualTo("ana");
                assertThatThrownBy(() -> accounts.login("ana", "wrong".toCharArray(), "127.0.0.1"))
                        .isInstanceOf(Accounts.LoginRefused.class).hasMessage("unknown user or wrong password");
                assertThatThrownBy(() -> accounts.login("nobody", "wrong".toCharArray(), "127.0.0.2"))
                        .hasMessage("unknown user or wrong password");

                Accounts.IssuedToken issued = accounts.issueToken(dir.actor("ana"), "ana", "laptop");
                assertThat(issued.secret()).startsWith("tdk_");
                assertThat(accounts.authenticateToken(issued.secret())).map(Actor::name).contains("ana");
                assertThat(accounts.authenticateToken("tdk_nope")).isEmpty();
                assertThatThrownBy(() -> accounts.issueToken(dir.actor("bob"), "ana", "stolen"))
                        .isInstanceOf(TakedownException.class);
                assertThat(accounts.tokens(dir.actor("ana"), "ana")).hasSize(1);
                assertThatThrownBy(() -> accounts.revokeToken(dir.actor("bob"), issued.token().id()))
                        .isInstanceOf(TakedownException.class);
                accounts.revokeToken(dir.actor("ana"), issued.token().id());
                assertThat(accounts.authenticateToken(issued.secret())).isEmpty();

                Accounts.Session session = accounts.startSession(dir.actor("ana"));
                assertThat(accounts.session(session.id())).map(s -> s.actor().name()).contains("ana");
                assertThat(accounts.session("forged")).isEmpty();
                clock.now = clock.now.plus(Accounts.SESSION_LIFETIME).plusSeconds(1);
                assertThat(accounts.session(session.id())).isEmpty();
                Accounts.Session second = accounts.startSession(dir.actor("ana"));
                accounts.endSession(second.id());
                assertThat(accounts.session(second.id())).isEmpty();
            }
        }
    }

    @Test
    void authenticateToken_revokedOnAnotherNode_isRefusedOnceTheCachePeriodPassed() {
        for (TestDatabases.Target target : TestDatabases.fresh(directory)) {
            MovableClock clock = new MovableClock();
            try (Database database = target.open()) {
                AuditLog audit = new AuditLog(database.dialect(), Signer.ephemeral(), clock);
                Directory dir = new Directory(database, audit);
                dir.addAgency(Optional.empty(), "NL-IRU", "IRU", "NL", AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
                dir.addUser(Optional.empty(), "ana", "NL-IRU", Set.of(Role.ANALYST));
                Accounts first = new Accounts(database, dir, audit, clock, FAST);
                Accounts second = new Accounts(database, dir, audit, clock, FAST);
                Accounts.IssuedToken issued = first.issueToken(dir.actor("ana"), "ana", "laptop");
                assertThat(second.authenticateToken(issued.secret())).as(target.name()).map(Actor::name).contains("ana");

                first.revokeToken(dir.actor("ana"), issued.token().id());
                assertThat(first.authenticateToken(issued.secret())).as("at once on the revoking node").isEmpty();
                assertThat(second.authenticateToken(issued.secret())).as("cached on the other node").isPresent();
                clock.now = clock.now.plusSeconds(31);
                assertThat(second.authenticateToken(issued.secret())).as("read again after the period").isEmpty();
                clock.now = clock.now.plusSeconds(120);
                assertThat(second.authenticateToken(issued.secret())).isEmpty();
            }
        }
    }

    @Test
    void throttle_locksAfterFreeFailures_thenDoubles() {
        MovableClock clock = new MovableClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.lockedUntil("ana", "10.0.0.1")).isEmpty();
            throttle.failed("ana", "10.0.0.1");
        }
        assertThat(throttle.lockedUntil("ana", "10.0.0.1")).isEmpty();
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.lockedUntil("ana", "other")).contains(clock.now.plus(Duration.ofMinutes(1)));
        assertThat(throttle.lockedUntil("someone-else", "10.0.0.1")).isPresent();
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.lockedUntil("ana", "x")).contains(clock.now.plus(Duration.ofMinutes(2)));
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        assertThat(throttle.lockedUntil("ana", "x")).isEmpty();
    }

    @Test
    void passwordHasher_phcFormat_andVerifies() {
        String hash = PasswordHasher.DEFAULT.hash("correct horse battery".toCharArray());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(PasswordHasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("correct horse batterz".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.verify("x".toCharArray(), "garbage")).isFalse();
        assertThat(PasswordHasher.verify("x".toCharArray(), null)).isFalse();
    }
}
