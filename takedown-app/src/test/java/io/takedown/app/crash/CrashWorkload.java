package io.takedown.app.crash;

import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.banks.BankEntry;
import io.takedown.banks.NewEntry;
import io.takedown.orders.RemovalOrder;
import io.takedown.orders.OutboxMessage;
import io.takedown.signals.Signal;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The child process of {@link CrashCampaignTest}: mixed writes through the real services as fast as it can —
 * removal orders sent with their deadlines, bank additions and removals, case items, each with its audit
 * entries — printing {@code ACK kind id [detail]} after each has returned (committed), until it is killed.
 */
public final class CrashWorkload {

    private CrashWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        long run = Long.parseLong(args[1]);
        try (Takedown platform = Takedown.open(TakedownConfig.embedded(home))) {
            Actor analyst = platform.directory().actor("ana");
            Actor approver = platform.directory().actor("bert");
            long caseId = platform.cases().createCase(analyst, "crash run " + run, Handling.GREEN, false).id();
            ArrayDeque<Long> added = new ArrayDeque<>();
            System.out.println("READY");
            System.out.flush();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long i = 0; ; i++) {
                String tag = run + "-" + i;
                switch ((int) (i % 4)) {
                    case 0 -> {
                        long item = platform.cases().addItem(analyst, caseId, "https://reniva-courier.test/o/" + tag
                                + ".html", Optional.empty(), Map.of(), List.of(), Handling.GREEN).id();
                        RemovalOrder order = platform.orders().draft(analyst, item, "HOST-NL", "Art. 3", "synthetic",
                                true, "en");
                        platform.orders().approve(approver, order.id());
                        platform.orders().send(approver, order.id());
                        // HOST-NL has no endpoint: the issuer records the receipt it confirmed out of band.
                        RemovalOrder sent = platform.orders().recordReceipt(approver, order.id(),
                                OutboxMessage.Kind.ORDER, java.time.Instant.now());
                        ack("order", sent.id(), sent.deadlineAt().orElseThrow().toString());
                    }
                    case 1 -> {
                        String value = HexFormat.of().formatHex(sha.digest(tag.getBytes()));
                        BankEntry entry = platform.banks().add("crash", List.of(NewEntry.of(Signal.of("sha256", value),
                                Set.of("behaviour:propaganda"), "crash:" + tag)), "ana").added().getFirst();
                        added.add(entry.id());
                        ack("bank-add", entry.id(), value);
                    }
                    case 2 -> {
                        Long id = added.poll();
                        if (id != null) {
                            platform.banks().remove("crash", id, "ana", "false positive " + tag);
                            ack("bank-remove", id, "");
                        }
                    }
                    default -> {
                        long item = platform.cases().addItem(analyst, caseId, "https://reniva-courier.test/i/" + tag
                                + ".html", Optional.of("warc:" + tag), Map.of(), List.of(), Handling.GREEN).id();
                        ack("item", item, "");
                    }
                }
            }
        }
    }

    private static void ack(String kind, long id, String detail) {
        System.out.println("ACK " + kind + " " + id + " " + detail);
        System.out.flush();
    }
}
