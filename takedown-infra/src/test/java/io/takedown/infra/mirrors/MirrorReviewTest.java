package io.takedown.infra.mirrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MirrorReviewTest {

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static final Actor ANALYST = new Actor(1, "ana", "NL-IRU", "NL", AgencyKind.REFERRAL_UNIT, Set.of(Role.ANALYST));
    private static final Actor AUDITOR = new Actor(2, "otto", "NL-IRU", "NL", AgencyKind.REFERRAL_UNIT, Set.of(Role.AUDITOR));

    private static MirrorProposal proposal(String host, double confidence) {
        return new MirrorProposal(host, "o01", confidence, 9.5, List.of(
                new Evidence(Evidence.Kind.SHARED_ANALYTICS_ID, "UA-123456-1", "main.test", 6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void confirmAndReject_areRecordedAudited_andNeverReopened(TestDatabases.Target target) {
        try (Database database = target.open()) {
            MirrorReview review = new MirrorReview(database, new AuditLog(database.dialect(), Signer.ephemeral(),
                    Clock.systemUTC()), Clock.systemUTC());
            assertThat(review.record(List.of(proposal("a.test", 0.99), proposal("b.test", 0.7)))).isEqualTo(2);
            assertThat(review.record(List.of(proposal("a.test", 0.98)))).isZero();
            List<MirrorReview.Stored> open = review.list(Optional.of(MirrorReview.Status.PROPOSED));
            assertThat(open).extracting(s -> s.proposal().host()).containsExactly("a.test", "b.test");
            assertThat(open.getFirst().proposal().confidence()).isEqualTo(0.98);
            assertThat(open.getFirst().proposal().evidence()).hasSize(1);

            long a = open.get(0).id();
            long b = open.get(1).id();
            assertThatThrownBy(() -> review.confirm(AUDITOR, a, "")).isInstanceOf(TakedownException.class)
                    .extracting(e -> ((TakedownException) e).kind()).isEqualTo(TakedownException.Kind.FORBIDDEN);
            assertThat(review.confirm(ANALYST, a, "same tracking ID").status()).isEqualTo(MirrorReview.Status.CONFIRMED);
            assertThatThrownBy(() -> review.reject(ANALYST, b, " ")).isInstanceOf(TakedownException.class);
            MirrorReview.Stored rejected = review.reject(ANALYST, b, "a news site quoting the outlet");
            assertThat(rejected.decidedBy()).contains("ana");
            assertThatThrownBy(() -> review.confirm(ANALYST, b, "")).isInstanceOf(TakedownException.class)
                    .extracting(e -> ((TakedownException) e).kind()).isEqualTo(TakedownException.Kind.CONFLICT);
            assertThat(review.record(List.of(proposal("b.test", 0.99)))).isZero();
            assertThat(review.get(b).status()).isEqualTo(MirrorReview.Status.REJECTED);
            assertThat(review.confirmed()).containsExactly(new MirrorDetector.KnownSite("a.test", "o01"));
            assertThatThrownBy(() -> review.get(999)).isInstanceOf(TakedownException.class);

            int audited = database.inTransaction(c -> {
                try (ResultSet rows = c.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'mirror.%'")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(audited).isEqualTo(2);
        }
    }
}
