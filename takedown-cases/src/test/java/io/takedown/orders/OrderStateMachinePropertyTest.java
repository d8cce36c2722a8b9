package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Handling;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random sequences of what providers, issuers, host states, the escalation job and time do to a received
 * cross-border order, run through the real service and through a small reference model of the Regulation
 * written here; after every step both must agree on whether the step was allowed, the status, the
 * deadline, overdue and escalation.
 */
class OrderStateMachinePropertyTest {

    sealed interface Act {
    }

    record Advance(int minutes) implements Act {
    }

    /** Removal reported {@code share} of the way from receipt to now. */
    record Execute(double share) implements Act {
    }

    record Impossible(Impossibility reason) implements Act {
    }

    record Resume() implements Act {
    }

    record Ceased() implements Act {
    }

    record Contest() implements Act {
    }

    record Scrutiny(boolean infringes) implements Act {
    }

    record Escalate() implements Act {
    }

    private static LegalFixture fixture;
    private static Path file;
    private static final AtomicLong urls = new AtomicLong();

    private static synchronized LegalFixture fixture() throws Exception {
        if (fixture == null) {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isWritable(shm) ? shm : Files.createTempDirectory("takedown-props");
            file = dir.resolve("takedown-props-" + ProcessHandle.current().pid() + ".db");
            fixture = new LegalFixture(Database.open("jdbc:sqlite:" + file));
        }
        return fixture;
    }

    @AfterContainer
    static void close() throws Exception {
        if (fixture != null) {
            fixture.close();
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
    }

    @Provide
    Arbitrary<List<Act>> histories() {
        // Weighted toward what makes the clocks interesting: time passing, Annex III answers and their end.
        Arbitrary<Act> act = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(1, 90).map(m -> (Act) new Advance(m))),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 1).map(s -> (Act) new Execute(s))),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Impossibility.class).map(r -> (Act) new Impossible(r))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Resume())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Ceased())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Contest())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false, false).map(i -> (Act) new Scrutiny(i))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Escalate())));
        return act.list().ofMinSize(1).ofMaxSize(24);
    }

    /** The Regulation's rules for one order, as plainly as they can be written. */
    static final class Model {
        OrderStatus status = OrderStatus.SENT;
        Impossibility reason;
        Instant received;
        Instant deadline;
        boolean suspendedLate;
        boolean escalated;
        boolean contested;
        boolean decided;
        boolean inTime;

        Model(Instant received) {
            this.received = received;
            this.deadline = received.plus(Duration.ofHours(1));
        }

        boolean running() {
            return status == OrderStatus.SENT || status == OrderStatus.SUSPENDED || status == OrderStatus.EXECUTED;
        }

        boolean overdue(Instant now) {
            return (status == OrderStatus.SENT || status == OrderStatus.SUSPENDED && suspendedLate) && now.isAfter(deadline);
        }

        /** Applies the act; false when the Regulation's workflow does not allow it now. */
        boolean apply(Act act, Instant now) {
            switch (act) {
                case Execute e -> {
                    if (status != OrderStatus.SENT && status != OrderStatus.SUSPENDED) {
                        return false;
                    }
                    Instant removed = removedAt(e, now);
                    inTime = status == OrderStatus.SENT ? !removed.isAfter(deadline) : !suspendedLate;
                    status = OrderStatus.EXECUTED;
                    return true;
                }
                case Impossible i -> {
                    if (status != OrderStatus.SENT) {
                        return false;
                    }
                    status = OrderStatus.SUSPENDED;
                    reason = i.reason();
                    suspendedLate = now.isAfter(deadline);
                    return true;
                }
                case Resume r -> {
                    return restart(reason != Impossibility.FORCE_MAJEURE, now);
                }
                case Ceased c -> {
                    return restart(reason == Impossibility.FORCE_MAJEURE, now);
                }
                case Contest c -> {
                    if (!running() || contested) {
                        return false;
                    }
                    contested = true;
                    return true;
                }
                case Scrutiny s -> {
                    if (!running() || decided) {
                        return false;
                    }
                    decided = true;
                    if (s.infringes()) {
                        status = OrderStatus.CEASED;
                    }
                    return true;
                }
                default -> throw new IllegalArgumentException(act.toString());
            }
        }

        private boolean restart(boolean rightKind, Instant now) {
            if (status != OrderStatus.SUSPENDED || !rightKind) {
                return false;
            }
            status = OrderStatus.SENT;
            if (!suspendedLate) {
                deadline = now.plus(Duration.ofHours(1));
                escalated = false;
            }
            suspendedLate = false;
            reason = null;
            return true;
        }

        /** The escalation job: true when it escalates this order now. */
        boolean escalate(Instant now) {
            if (overdue(now) && !escalated) {
                escalated = true;
                return true;
            }
            return false;
        }

        Instant removedAt(Execute e, Instant now) {
            long span = Duration.between(received, now).toMillis();
            return received.plusMillis((long) (span * e.share()));
        }
    }

    @Property(tries = 150)
    void serviceAgreesWithTheReferenceModel(@ForAll("histories") List<Act> history) throws Exception {
        LegalFixture f = fixture();
        RemovalOrder order = f.received("https://ostine-review.test/articles/p" + urls.incrementAndGet() + ".html",
                Handling.GREEN, "HOST-IE");
        Model model = new Model(order.receivedAt().orElseThrow());
        long id = order.id();
        for (Act act : history) {
            Instant now = f.clock.now;
            if (act instanceof Advance a) {
                f.clock.advance(Duration.ofMinutes(a.minutes()));
                continue;
            }
            if (act instanceof Escalate) {
                boolean escalated = f.orders.escalateOverdue("watch").stream().anyMatch(o -> o.id() == id);
                assertThat(escalated).as("escalated after %s", history).isEqualTo(model.escalate(now));
                continue;
            }
            boolean allowed = model.apply(act, now);
            boolean done;
            try {
                switch (act) {
                    case Execute e -> f.orders.recordExecution(f.providerStaff, id, model.removedAt(e, now));
                    case Impossible i -> f.orders.declareImpossible(f.providerStaff, id, i.reason(), "because");
                    case Resume r -> f.orders.resume(f.approver, id, "clarified");
                    case Ceased c -> f.orders.reportReasonsCeased(f.providerStaff, id, "power back");
                    case Contest c -> f.orders.contest(f.providerStaff, id, "grounds");
                    case Scrutiny s -> f.orders.recordScrutiny(f.hostAuthority, id, s.infringes(), "reasoning");
                    default -> throw new IllegalArgumentException(act.toString());
                }
                done = true;
            } catch (TakedownException e) {
                assertThat(e.kind()).as("%s in %s: %s", act, history, e.getMessage())
                        .isEqualTo(TakedownException.Kind.CONFLICT);
                done = false;
            }
            assertThat(done).as("%s allowed, after %s", act, history).isEqualTo(allowed);
            RemovalOrder now2 = f.orders.get(f.approver, id);
            assertThat(now2.status()).as("status after %s", history).isEqualTo(model.status);
            assertThat(now2.deadlineAt()).as("deadline after %s", history).hasValue(model.deadline);
            assertThat(now2.overdueAt(f.clock.now)).as("overdue after %s", history).isEqualTo(model.overdue(f.clock.now));
            assertThat(now2.escalatedAt().isPresent()).as("escalated after %s", history).isEqualTo(model.escalated);
            if (now2.status() == OrderStatus.EXECUTED) {
                assertThat(now2.executedInTime()).as("in time after %s", history).isEqualTo(model.inTime);
            }
        }
    }
}
