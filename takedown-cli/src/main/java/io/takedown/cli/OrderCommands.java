package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.orders.Impossibility;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderDocument;
import io.takedown.orders.OrderService;
import io.takedown.orders.OutboxMessage;
import io.takedown.orders.RemovalOrder;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Removal order commands (Regulation (EU) 2021/784). Commands that queue a document (approve, send) deliver
 * it right away through the outbox relay; what could not be delivered is retried by {@code order deliver}.
 */
final class OrderCommands {

    private OrderCommands() {
    }


    @Command(name = "order", description = "TCO removal orders (Regulation (EU) 2021/784).",
            subcommands = {Draft.class, Approve.class, Send.class, Deliver.class, Receipt.class, Feedback.class,
                Impossible.class, Resume.class, Ceased.class, Contest.class, Scrutiny.class, Preserve.class,
                Withhold.class, Show.class, ListOrders.class, Escalate.class})
    static final class OrderCommand extends LegalCommands.Group {
    }

    @Command(name = "draft")
    static final class Draft extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ITEM")
        long itemId;
        @Option(names = "--provider", required = true)
        String provider;
        @Option(names = "--reasons", required = true, description = "Statement of reasons (Annex I).")
        String reasons;
        @Option(names = "--legal-basis", defaultValue = "Article 3 of Regulation (EU) 2021/784")
        String legalBasis;
        @Option(names = "--emergency", description = "No 12-hour prior notice (Art. 3(2)).")
        boolean emergency;
        @Option(names = "--language", defaultValue = "en")
        String language;

        @Override
        int run(Takedown w) {
            Actor actor = actor(w);
            OrderService orders = orders(w);
            LegalCommands.printPrior(out(), orders.priorActions(actor, itemId));
            RemovalOrder order = orders.draft(actor, itemId, provider, legalBasis, reasons, emergency, language);
            out().printf("order %d drafted to %s%s%s%n", order.id(), order.provider(),
                    order.crossBorder() ? " (cross-border)" : "", order.firstForProvider() ? " (first to this provider)" : "");
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", description = "Approve (four eyes); a provider's first order queues the Art. 3(2) notice.")
    static final class Approve extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;

        @Override
        int run(Takedown w) {
            orders(w).approve(actor(w), id);
            deliverNow(w, id, out());
            RemovalOrder order = orders(w).get(actor(w), id);
            out().printf("order %d approved%s%n", id, order.earliestSendAt().map(at -> "; may be sent from " + at)
                    .orElse(order.firstForProvider() && !order.emergency()
                            ? "; may be sent 12 h after the provider receives the procedures notice" : ""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "send", description = "Sign, queue and deliver to the provider (and the host state's copy).")
    static final class Send extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;

        @Override
        int run(Takedown w) {
            orders(w).send(actor(w), id);
            deliverNow(w, id, out());
            RemovalOrder order = orders(w).get(actor(w), id);
            if (order.deadlineAt().isPresent()) {
                out().printf("order %d received by %s at %s; deadline %s%n", id, order.provider(),
                        order.receivedAt().orElseThrow(), order.deadlineAt().get());
            } else {
                out().printf("order %d queued, not yet received: %s%n", id, pendingHint(w, actor(w), id));
            }
            return ExitCodes.OK;
        }
    }

    /** Runs the relay for one order's documents; delivery trouble is reported, not thrown (it retries later). */
    static void deliverNow(Takedown w, long id, PrintWriter out) {
        OrderDelivery.Report report = w.orderDelivery().deliver(id);
        if (report.claimed() > report.delivered()) {
            out.printf("%d of %d deliveries did not go through yet%n", report.claimed() - report.delivered(),
                    report.claimed());
        }
    }

    static String pendingHint(Takedown w, Actor actor, long id) {
        for (OutboxMessage m : w.orders().deliveries(actor, id)) {
            if (m.kind() == OutboxMessage.Kind.ORDER) {
                return switch (m.state()) {
                    case OUT_OF_BAND -> "the provider has no endpoint; deliver the signed order out of band, then "
                            + "`order receipt " + id + " --received-at TIME`";
                    case FAILED -> "delivery failed (" + m.lastError().orElse("?") + "); deliver out of band and record "
                            + "the receipt";
                    case PENDING -> "delivery will be retried at " + m.nextAttemptAt() + " by `order deliver` ("
                            + m.lastError().orElse("not attempted yet") + ")";
                    case DELIVERED -> "delivered";
                    case HELD -> "signed at an action day's go and held until its H-hour releases it";
                };
            }
        }
        return "nothing queued";
    }

    @Command(name = "deliver", description = "Deliver what the outbox holds that is due (run periodically).")
    static final class Deliver extends LegalCommands.Legal {
        @Option(names = "--max", defaultValue = "10000", description = "At most this many documents (default ${DEFAULT-VALUE}).")
        int max;

        @Override
        int run(Takedown w) {
            OrderDelivery.Report report = w.orderDelivery().deliverPending(max);
            out().printf("%d delivered, %d to retry, %d failed (of %d due)%n", report.delivered(), report.retrying(),
                    report.failed(), report.claimed());
            return ExitCodes.OK;
        }
    }

    @Command(name = "receipt", description = "Record when a document delivered out of band was received.")
    static final class Receipt extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--received-at", required = true, description = "ISO instant the recipient confirmed.")
        String receivedAt;
        @Option(names = "--document", defaultValue = "order", description = "order, procedures or scrutiny_copy")
        String document;

        @Override
        int run(Takedown w) {
            OutboxMessage.Kind kind = OutboxMessage.Kind.valueOf(document.toUpperCase(Locale.ROOT));
            RemovalOrder order = orders(w).recordReceipt(actor(w), id, kind, BankCommand.parseInstant(receivedAt)
                    .orElseThrow());
            out().printf("order %d: %s receipt recorded; status %s%s%n", id, document, order.status().label(),
                    order.deadlineAt().map(d -> ", deadline " + d).orElse(""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "feedback", description = "Annex II (provider staff): the content was removed or disabled.")
    static final class Feedback extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--removed-at", description = "Default: now.")
        String removedAt;

        @Override
        int run(Takedown w) {
            Instant at = removedAt == null ? Instant.now() : BankCommand.parseInstant(removedAt).orElseThrow();
            RemovalOrder order = orders(w).recordExecution(actor(w), id, at);
            out().printf("order %d executed (%s); preserve until %s%n", id, order.executedInTime() ? "in time" : "late",
                    order.preserveUntil().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "impossible", description = "Annex III (provider staff): cannot comply; suspends the deadline.")
    static final class Impossible extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--reason", required = true, description = "force_majeure, manifest_error, missing_information")
        String reason;
        @Option(names = "--explanation", required = true)
        String explanation;

        @Override
        int run(Takedown w) {
            orders(w).declareImpossible(actor(w), id, Impossibility.valueOf(reason.toUpperCase(Locale.ROOT)), explanation);
            out().printf("order %d suspended%n", id);
            return ExitCodes.OK;
        }
    }

    @Command(name = "resume", description = "The issuer supplied the clarification asked for; the hour runs again.")
    static final class Resume extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--note", required = true)
        String note;

        @Override
        int run(Takedown w) {
            RemovalOrder order = orders(w).resume(actor(w), id, note);
            out().printf("order %d resumed; deadline %s%n", id, order.deadlineAt().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "ceased", description = "The provider reports that its force majeure has ceased (Art. 3(7)).")
    static final class Ceased extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--note", required = true)
        String note;

        @Override
        int run(Takedown w) {
            RemovalOrder order = orders(w).reportReasonsCeased(actor(w), id, note);
            out().printf("order %d: reasons ceased; deadline %s%n", id, order.deadlineAt().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "contest", description = "The provider challenges the order (Art. 9); it must still comply.")
    static final class Contest extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--grounds", required = true)
        String grounds;

        @Override
        int run(Takedown w) {
            RemovalOrder order = orders(w).contest(actor(w), id, grounds);
            out().printf("order %d contested; it stays %s%n", id, order.status().label());
            return ExitCodes.OK;
        }
    }

    @Command(name = "preserve", description = "Extend preservation for review proceedings (Art. 6(2)).")
    static final class Preserve extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--until", required = true)
        String until;
        @Option(names = "--request", required = true, description = "The court or authority request.")
        String request;

        @Override
        int run(Takedown w) {
            RemovalOrder order = orders(w).extendPreservation(actor(w), id, BankCommand.parseInstant(until).orElseThrow(),
                    request);
            out().printf("order %d preserved until %s%n", id, order.preserveUntil().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "withhold", description = "Withhold information to the content provider (Art. 11(3)): "
            + "up to 6 weeks from now, then --extend once by up to 6 more.")
    static final class Withhold extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--weeks", required = true)
        int weeks;
        @Option(names = "--reason", required = true)
        String reason;
        @Option(names = "--extend", description = "The one extension of an existing withholding.")
        boolean extend;

        @Override
        int run(Takedown w) {
            RemovalOrder order = extend ? orders(w).extendWithholding(actor(w), id, weeks, reason)
                    : orders(w).withholdInformation(actor(w), id, weeks, reason);
            out().printf("order %d: content provider informed after %s%n", id, order.informAfter().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "scrutiny", description = "The host state's competent authority records its Art. 4 decision.")
    static final class Scrutiny extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--infringes", description = "The order infringes the Regulation or fundamental rights: it ceases.")
        boolean infringes;
        @Option(names = "--reasoning", required = true)
        String reasoning;

        @Override
        int run(Takedown w) {
            RemovalOrder order = orders(w).recordScrutiny(actor(w), id, infringes, reasoning);
            out().printf("order %d: %s%n", id, order.status().label());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "The order document in its language, its clock and its history.")
    static final class Show extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;

        @Override
        int run(Takedown w) {
            Actor actor = actor(w);
            OrderService orders = orders(w);
            RemovalOrder order = orders.get(actor, id);
            out().print(OrderDocument.render(order.document(), order.language()));
            out().printf("%nstatus: %s%s%n", order.status().label(), order.overdueAt(Instant.now()) ? " (OVERDUE)" : "");
            order.deadlineAt().ifPresent(d -> out().println("deadline: " + d));
            order.scrutinyDueAt().ifPresent(d -> out().println("host-state scrutiny due: " + d));
            order.preserveUntil().ifPresent(d -> out().println("preserve until: " + d));
            order.contestedAt().ifPresent(d -> out().println("contested (Art. 9): " + d));
            order.informAfter().ifPresent(d -> out().println("content provider informed after: " + d));
            for (OutboxMessage m : orders.deliveries(actor, id)) {
                out().printf("delivery %-13s %-11s to %s: %s%n", m.kind().name().toLowerCase(), m.state().name()
                        .toLowerCase(), m.recipient().orElse("(no recipient)"), m.acknowledgement()
                        .or(m::lastError).orElse(m.state() == OutboxMessage.State.OUT_OF_BAND ? "record the receipt" : "-"));
            }
            out().println();
            for (OrderService.Event event : orders.history(actor, id)) {
                out().printf("%s  %-10s %-8s %s%n", event.at(), event.kind(), event.actor(),
                        event.detail() == null ? "" : event.detail());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list")
    static final class ListOrders extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            Instant now = Instant.now();
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("order", "item", "agency", "provider", "status",
                    "deadline", "overdue"))) {
                for (RemovalOrder order : orders(w).list(actor(w))) {
                    rows.row(Arrays.asList(order.id(), order.itemId(), order.agency(), order.provider(),
                            order.status().label(), order.deadlineAt().map(Instant::toString).orElse(null),
                            order.overdueAt(now)));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "escalate", description = "Escalate every order past its deadline (run periodically).")
    static final class Escalate extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            List<RemovalOrder> overdue = orders(w).escalateOverdue(root().actor());
            for (RemovalOrder order : overdue) {
                out().printf("order %d to %s is overdue since %s%n", order.id(), order.provider(),
                        order.deadlineAt().orElseThrow());
            }
            List<RemovalOrder> stuck = orders(w).flagLongSuspended(root().actor());
            for (RemovalOrder order : stuck) {
                out().printf("order %d to %s suspended since %s without resolution%n", order.id(), order.provider(),
                        order.suspendedAt().orElseThrow());
            }
            out().printf("%d order(s) escalated, %d long-suspended order(s) flagged%n", overdue.size(), stuck.size());
            return ExitCodes.OK;
        }
    }
}
