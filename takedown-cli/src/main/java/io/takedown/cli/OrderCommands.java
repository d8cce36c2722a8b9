package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.orders.Impossibility;
import io.takedown.orders.OrderDocument;
import io.takedown.orders.OrderService;
import io.takedown.orders.RemovalOrder;
import io.takedown.orders.Transmitter;
import io.takedown.range.RangeHttpClient;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The legal workflow on the command line: directory, cases, referrals, removal orders, transparency
 * reports and audit verification. Every command acts as the user named by {@code --as}, whose roles the
 * services check.
 */
/** Removal order commands (Regulation (EU) 2021/784). */
final class OrderCommands {

    private OrderCommands() {
    }


    @Command(name = "order", description = "TCO removal orders (Regulation (EU) 2021/784).",
            subcommands = {Draft.class, Approve.class, Send.class, Feedback.class, Impossible.class, Resume.class,
                Scrutiny.class, Show.class, ListOrders.class, Escalate.class})
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

    @Command(name = "approve")
    static final class Approve extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;

        @Override
        int run(Takedown w) {
            RemovalOrder order = orders(w).approve(actor(w), id);
            out().printf("order %d approved; may be sent from %s%n", id, order.earliestSendAt().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "send", description = "Sign and send; delivered to the provider's endpoint when it has one.")
    static final class Send extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--url-in-notice", description = "The URL the provider should act on (default: the item's).")
        String url;

        @Override
        int run(Takedown w) {
            Transmitter transmitter = (provider, signed) -> {
                if (provider.endpoint().isEmpty()) {
                    return "no endpoint; deliver the signed order out of band";
                }
                RangeHttpClient client = new RangeHttpClient(host -> Optional.empty());
                var response = client.post(provider.endpoint().get(), "application/json",
                        LegalCommands.orderNotice(signed, url));
                return "HTTP " + response.status() + " " + response.text().strip();
            };
            RemovalOrder order = orders(w).send(actor(w), id, transmitter);
            out().printf("order %d sent; deadline %s%n", id, order.deadlineAt().orElseThrow());
            return ExitCodes.OK;
        }
    }


    @Command(name = "feedback", description = "Annex II: the provider removed or disabled the content.")
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

    @Command(name = "impossible", description = "Annex III: cannot comply; suspends the deadline.")
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

    @Command(name = "resume", description = "The impossibility is resolved; a new hour starts.")
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

    @Command(name = "scrutiny", description = "Record the host state's Art. 4 decision.")
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
            out().printf("%d order(s) escalated%n", overdue.size());
            return ExitCodes.OK;
        }
    }
}
