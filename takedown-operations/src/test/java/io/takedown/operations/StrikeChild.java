package io.takedown.operations;

import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.cases.Directory;
import io.takedown.cases.ReferralService;
import io.takedown.operations.dispatch.OutboxDispatcher;
import io.takedown.operations.dispatch.Strike;
import io.takedown.orders.OrderOutbox;
import io.takedown.orders.OrderService;
import io.takedown.orders.OrderStaging;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import io.takedown.range.tls.RangeCa;
import io.takedown.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A separate JVM that strikes an action day over a slow network (each delivery takes a while), so that the
 * test can kill it with SIGKILL in the middle of the dispatch: after H-hour released the orders held at the go,
 * while the relay is delivering them and recording acknowledgements in batches.
 *
 * <p>Arguments: database URL, key directory, PEM of the range's CA, H-hour instant, action id, coordinator.
 */
public final class StrikeChild {

    private StrikeChild() {
    }

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(args[3]), ZoneOffset.UTC);
        try (Database database = Database.open(args[0])) {
            AuditLog audit = new AuditLog(database.dialect(), Signer.inDirectory(Path.of(args[1])), clock);
            Directory directory = new Directory(database, audit);
            OrderService orders = new OrderService(database, directory, audit, clock);
            DeliverySettings settings = DeliverySettings.defaults(RangeCa.readPem(Files.readString(Path.of(args[2]))))
                    .withParallelism(2);
            Transport https = settings.transport();
            // A slow, narrow network: two deliveries in flight, each taking a while.
            java.util.concurrent.Semaphore narrow = new java.util.concurrent.Semaphore(2);
            Transport slow = (endpoint, key, type, body) -> {
                narrow.acquire();
                try {
                    Thread.sleep(150);
                    return https.post(endpoint, key, type, body);
                } finally {
                    narrow.release();
                }
            };
            OutboxDispatcher dispatcher = new OutboxDispatcher(orders, new ReferralService(database, directory, audit,
                    clock), new OrderOutbox(database, audit, clock), new OrderStaging(database, audit), slow, settings,
                    clock);
            new Strike(database, directory, audit, clock).strike(directory.actor(args[5]), Long.parseLong(args[4]),
                    dispatcher);
            System.out.println("strike finished");
        }
    }
}
