package io.takedown.orders;

import io.takedown.access.Handling;
import io.takedown.audit.Signer;
import io.takedown.core.TakedownException;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A separate JVM racing others on one database, for {@link OrderConcurrencyTest} and
 * {@link OutboxCrashTest}. Arguments: {@code URL KEYS_DIR CA_PEM MODE ARG}. Prints one line per result and
 * {@code ERROR ...} for anything unexpected (exit 1).
 *
 * <ul>
 *   <li>{@code send ID,ID,... GO_FILE}: waits for the start file, then sends and delivers each order;
 *   prints {@code SENT id} or {@code CONFLICT id}.</li>
 *   <li>{@code escalate ROUNDS}: runs the escalation job; prints {@code ESCALATED id} per order.</li>
 *   <li>{@code write N}: drafts, approves, sends and delivers N orders (the job's neighbours).</li>
 *   <li>{@code deliver MAX}: relays up to MAX pending messages, printing {@code READY} first.</li>
 * </ul>
 */
public final class RaceChild {

    private RaceChild() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.open(args[0]);
        LegalFixture f = new LegalFixture(database, Signer.inDirectory(Path.of(args[1])), Clock.systemUTC());
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(Path.of(args[2])));
        DeliverySettings settings = DeliverySettings.defaults(List.of(ca)).withLease(Duration.ofSeconds(3))
                .withParallelism(32);
        OrderDelivery delivery = new OrderDelivery(f.outbox, settings.transport(), settings, Clock.systemUTC());
        String mode = args[3];
        int code = 0;
        try {
            switch (mode) {
                case "send" -> {
                    Path go = Path.of(args[5]);
                    System.out.println("READY");
                    System.out.flush();
                    while (!Files.exists(go)) {
                        Thread.onSpinWait();
                    }
                    for (String each : args[4].split(",")) {
                        long id = Long.parseLong(each);
                        try {
                            f.orders.send(f.approver, id);
                            delivery.deliver(id);
                            System.out.println("SENT " + id);
                        } catch (TakedownException e) {
                            System.out.println(e.kind() == TakedownException.Kind.CONFLICT ? "CONFLICT " + id : "ERROR " + e);
                        }
                    }
                }
                case "escalate" -> {
                    for (int round = 0; round < Integer.parseInt(args[4]); round++) {
                        for (RemovalOrder order : f.orders.escalateOverdue("job-" + ProcessHandle.current().pid())) {
                            System.out.println("ESCALATED " + order.id());
                        }
                        f.orders.flagLongSuspended("job");
                    }
                }
                case "write" -> {
                    for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                        RemovalOrder order = f.received("https://reniva-courier.test/w/" + ProcessHandle.current().pid()
                                + "-" + i + ".html", Handling.GREEN, "HOST-NL");
                        delivery.deliver(order.id());
                        System.out.println("WROTE " + order.id());
                    }
                }
                case "deliver" -> {
                    System.out.println("READY");
                    System.out.flush();
                    OrderDelivery.Report report = delivery.deliverPending(Integer.parseInt(args[4]));
                    System.out.println("DELIVERED " + report.delivered());
                }
                default -> throw new IllegalArgumentException(mode);
            }
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e);
            code = 1;
        }
        System.out.flush();
        database.close();
        System.exit(code);
    }
}
