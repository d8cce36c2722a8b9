package io.takedown.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Handling;
import io.takedown.operations.dispatch.OutboxDispatcher;
import io.takedown.operations.dispatch.StrikeReport;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.orders.OrderStaging;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import io.takedown.store.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A dispatcher that opens its own transport per strike: open at prepare, used for every shot, closed after. */
class StrikeTransportTest {

    /** The fixture's accepting recipients, as a transport that knows whether it was closed. */
    private static final class Closeable implements Transport, AutoCloseable {
        private final Transport delegate;
        private final AtomicInteger closed;
        private final AtomicInteger warmed = new AtomicInteger();

        Closeable(Transport delegate, AtomicInteger closed) {
            this.delegate = delegate;
            this.closed = closed;
        }

        @Override
        public Response post(URI endpoint, String key, String type, byte[] body) throws java.io.IOException,
                InterruptedException {
            if (closed.get() > 0) {
                throw new IllegalStateException("posted through a closed transport");
            }
            return delegate.post(endpoint, key, type, body);
        }

        @Override
        public java.util.Map<String, String> warm(java.util.Collection<URI> endpoints) {
            warmed.incrementAndGet();
            return java.util.Map.of();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void strike_opensItsTransportAtPrepare_andClosesItOnceEveryShotHasAResult() {
        List<TestDatabases.Target> targets = TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
        try (OperationsFixture f = new OperationsFixture(targets.getFirst().open())) {
            Instant hHour = f.clock.now.plus(Duration.ofHours(2));
            long nlCase = f.caseWith(f.nlAnalyst, Handling.AMBER, "http://outlet-one.test/articles/1.html",
                    "http://outlet-one.test/articles/2.html");
            ActionDay day = f.planning.create(f.coordinator, "Own transport", hHour, List.of("NL-IRU"));
            f.planning.addTargets(f.nlAnalyst, day.id(), TargetRequest.orders(nlCase, "HOST-IE",
                    "synthetic range item").emergency("attack under way"));
            f.planning.freeze(f.coordinator, day.id());
            f.goNoGo.approve(f.nlApprover, day.id());

            List<Closeable> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
            OutboxDispatcher dispatcher = new OutboxDispatcher(f.orders, f.referrals, f.outbox,
                    new OrderStaging(f.database, f.audit), () -> {
                        Closeable transport = new Closeable(f.accepting(), new AtomicInteger());
                        opened.add(transport);
                        return transport;
                    }, DeliverySettings.defaults(List.of()), f.clock);
            f.strike.prepare(f.coordinator, day.id(), dispatcher);
            assertThat(opened).singleElement().satisfies(t -> {
                assertThat(t.warmed).hasValue(1);
                assertThat(t.closed).hasValue(0);
            });

            f.clock.now = hHour;
            StrikeReport report = f.strike.strike(f.coordinator, day.id(), dispatcher);
            assertThat(report.fired()).isEqualTo(2);
            assertThat(report.delivered()).isEqualTo(2);
            assertThat(opened).as("the prepared transport carried the strike").hasSize(1);
            assertThat(opened.getFirst().closed).hasValue(1);
            assertThat(dispatcher.prepared(day.id())).as("a later strike prepares (and opens) again").isFalse();
        }
    }
}
