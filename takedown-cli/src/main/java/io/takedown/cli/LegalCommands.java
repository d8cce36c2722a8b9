package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.audit.AuditVerifier;
import io.takedown.cases.Agency;
import io.takedown.cases.CaseService;
import io.takedown.cases.Directory;
import io.takedown.cases.Item;
import io.takedown.cases.PriorAction;
import io.takedown.cases.ReferralService;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.core.InvalidInputException;
import io.takedown.orders.Impossibility;
import io.takedown.orders.OrderDocument;
import io.takedown.orders.OrderService;
import io.takedown.orders.RemovalOrder;
import io.takedown.orders.TransparencyReport;
import io.takedown.orders.Transmitter;
import io.takedown.range.RangeHttpClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The legal workflow on the command line: directory, cases, referrals, removal orders, transparency
 * reports and audit verification. Every command acts as the user named by {@code --as}, whose roles the
 * services check.
 */
final class LegalCommands {

    private LegalCommands() {
    }

    /** Wiring shared by the legal commands. */
    abstract static class Legal implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        TakedownCommand root() {
            Object parent = spec.parent().userObject();
            if (parent instanceof Group group) {
                return group.root;
            }
            return (TakedownCommand) parent;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() throws Exception {
            try (Workspace workspace = root().workspace()) {
                int code = run(workspace);
                out().flush();
                return code;
            }
        }

        Actor actor(Workspace workspace) {
            return workspace.directory().actor(root().actor());
        }

        CaseService cases(Workspace w) {
            return new CaseService(w.database(), w.audit(), Clock.systemUTC());
        }

        OrderService orders(Workspace w) {
            return new OrderService(w.database(), w.directory(), w.audit(), Clock.systemUTC());
        }

        abstract int run(Workspace workspace) throws Exception;
    }

    /** A command with subcommands; gives them the root. */
    abstract static class Group {
        @ParentCommand
        TakedownCommand root;
    }

    // ------------------------------------------------------------ directory

    @Command(name = "directory", description = "Agencies and users. The first agency and user need no --as.",
            subcommands = {AddAgency.class, AddUser.class, ListAgencies.class})
    static final class DirectoryCommand extends Group {
    }

    @Command(name = "agency", description = "Add an agency: authority, referral unit, coordinator, provider or NGO.")
    static final class AddAgency extends Legal {
        @Parameters(index = "0", paramLabel = "CODE")
        String code;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--country", required = true, description = "ISO 3166 alpha-2.")
        String country;
        @Option(names = "--kind", required = true, description = "referral_unit, competent_authority, coordinator, provider, ngo")
        String kind;
        @Option(names = "--endpoint", description = "Provider endpoint for notices and orders (loopback range only).")
        String endpoint;

        @Override
        int run(Workspace w) {
            Directory directory = w.directory();
            Optional<Actor> by = optionalActor(directory);
            Agency agency = directory.addAgency(by, code, name, country.toUpperCase(Locale.ROOT),
                    AgencyKind.valueOf(kind.toUpperCase(Locale.ROOT)), Optional.ofNullable(endpoint));
            out().printf("added agency %s (%s, %s)%n", agency.code(), agency.kind(), agency.country());
            return ExitCodes.OK;
        }

        Optional<Actor> optionalActor(Directory directory) {
            try {
                return Optional.of(directory.actor(root().actor()));
            } catch (io.takedown.core.TakedownException e) {
                return Optional.empty();
            }
        }
    }

    @Command(name = "user", description = "Add a user with roles: analyst, approver, coordinator, provider_staff, auditor, admin.")
    static final class AddUser extends Legal {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--agency", required = true)
        String agency;
        @Option(names = "--role", required = true, split = ",")
        List<String> roles;

        @Override
        int run(Workspace w) {
            Directory directory = w.directory();
            Optional<Actor> by;
            try {
                by = Optional.of(directory.actor(root().actor()));
            } catch (io.takedown.core.TakedownException e) {
                by = Optional.empty();
            }
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                try {
                    parsed.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(null, "unknown role '" + role + "'");
                }
            }
            Actor actor = directory.addUser(by, name, agency, parsed);
            out().printf("added user %s of %s with roles %s%n", actor.name(), actor.agency(), actor.roles());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List agencies.")
    static final class ListAgencies extends Legal {
        @Override
        int run(Workspace w) {
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("code", "kind", "country", "name", "endpoint"))) {
                for (Agency agency : w.directory().agencies()) {
                    rows.row(Arrays.asList(agency.code(), agency.kind().name().toLowerCase(), agency.country(),
                            agency.name(), agency.endpoint().orElse(null)));
                }
            }
            return ExitCodes.OK;
        }
    }

    // ------------------------------------------------------------ cases

    @Command(name = "case", description = "Cases and their items.",
            subcommands = {CreateCase.class, ListCases.class, AddItem.class, ShowItem.class, Prior.class})
    static final class CaseCommand extends Group {
    }

    @Command(name = "create", description = "Create a case.")
    static final class CreateCase extends Legal {
        @Option(names = "--title", required = true)
        String title;
        @Option(names = "--handling", defaultValue = "amber", description = "red, amber or green (default ${DEFAULT-VALUE}).")
        String handling;
        @Option(names = "--may-leave", description = "Items may be shared outside the agency.")
        boolean mayLeave;

        @Override
        int run(Workspace w) {
            var file = cases(w).createCase(actor(w), title, Handling.parse(handling), mayLeave);
            out().printf("case %d created (%s)%n", file.id(), file.handling());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Cases you may see.")
    static final class ListCases extends Legal {
        @Override
        int run(Workspace w) {
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("case", "agency", "handling", "title", "created_by",
                    "created_at"))) {
                for (var file : cases(w).cases(actor(w))) {
                    rows.row(Arrays.asList(file.id(), file.agency(), file.handling(), file.title(), file.createdBy(),
                            file.createdAt().toString()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add-item", description = "Add an item (URL) to a case; shows prior actions on the same URL.")
    static final class AddItem extends Legal {
        @Parameters(index = "0", paramLabel = "CASE")
        long caseId;
        @Parameters(index = "1", paramLabel = "URL")
        String url;
        @Option(names = "--capture", description = "Evidence capture reference (e.g. a WARC record).")
        String capture;
        @Option(names = "--label")
        List<String> labels = new ArrayList<>();
        @Option(names = "--handling", defaultValue = "amber")
        String handling;

        @Override
        int run(Workspace w) {
            Actor actor = actor(w);
            Item item = cases(w).addItem(actor, caseId, url, Optional.ofNullable(capture), Map.of(), labels,
                    Handling.parse(handling));
            out().printf("item %d added to case %d (%s)%n", item.id(), caseId, item.canonicalUrl());
            printPrior(out(), cases(w).priorActions(actor, url));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show-item", description = "Show an item (the read is audited).")
    static final class ShowItem extends Legal {
        @Parameters(index = "0", paramLabel = "ITEM")
        long itemId;

        @Override
        int run(Workspace w) {
            Item item = cases(w).viewItem(actor(w), itemId);
            out().printf("item %d of case %d (%s, %s)%n  url: %s%n  capture: %s (preview blurred)%n  labels: %s%n",
                    item.id(), item.caseId(), item.agency(), item.handling(), item.url(),
                    item.captureRef().orElse("-"), String.join(", ", item.labels()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "prior", description = "Referrals and orders any agency already made for a URL (deconfliction).")
    static final class Prior extends Legal {
        @Parameters(index = "0", paramLabel = "URL")
        String url;

        @Override
        int run(Workspace w) {
            printPrior(out(), cases(w).priorActions(actor(w), url));
            return ExitCodes.OK;
        }
    }

    static void printPrior(PrintWriter out, List<PriorAction> prior) {
        if (prior.isEmpty()) {
            out.println("no prior referral or order for this URL");
            return;
        }
        for (PriorAction action : prior) {
            out.printf("prior %s %s by %s: %s (%s)%n", action.kind(), action.restricted() ? "(details restricted)"
                    : "#" + action.id(), action.agency(), action.status().toLowerCase(), action.at());
        }
    }

    // ------------------------------------------------------------ referrals

    @Command(name = "referral", description = "Voluntary referrals to providers.",
            subcommands = {CreateReferral.class, SendReferral.class, ReferralOutcome.class})
    static final class ReferralCommand extends Group {
    }

    @Command(name = "create")
    static final class CreateReferral extends Legal {
        @Parameters(index = "0", paramLabel = "ITEM")
        long itemId;
        @Option(names = "--provider", required = true)
        String provider;

        @Override
        int run(Workspace w) {
            var created = new ReferralService(w.database(), w.directory(), w.audit(), Clock.systemUTC())
                    .create(actor(w), itemId, provider);
            out().printf("referral %d drafted%n", created.id());
            printPrior(out(), created.priorActions());
            return ExitCodes.OK;
        }
    }

    @Command(name = "send")
    static final class SendReferral extends Legal {
        @Parameters(index = "0", paramLabel = "REFERRAL")
        long id;

        @Override
        int run(Workspace w) {
            new ReferralService(w.database(), w.directory(), w.audit(), Clock.systemUTC()).send(actor(w), id);
            out().printf("referral %d sent%n", id);
            return ExitCodes.OK;
        }
    }

    @Command(name = "outcome")
    static final class ReferralOutcome extends Legal {
        @Parameters(index = "0", paramLabel = "REFERRAL")
        long id;
        @Parameters(index = "1", paramLabel = "OUTCOME", description = "removed, restricted, kept, no-reply")
        String outcome;

        @Override
        int run(Workspace w) {
            new ReferralService(w.database(), w.directory(), w.audit(), Clock.systemUTC()).recordOutcome(actor(w), id, outcome);
            out().printf("referral %d: %s%n", id, outcome);
            return ExitCodes.OK;
        }
    }

    // ------------------------------------------------------------ orders

    @Command(name = "order", description = "TCO removal orders (Regulation (EU) 2021/784).",
            subcommands = {Draft.class, Approve.class, Send.class, Feedback.class, Impossible.class, Resume.class,
                Scrutiny.class, Show.class, ListOrders.class, Escalate.class})
    static final class OrderCommand extends Group {
    }

    @Command(name = "draft")
    static final class Draft extends Legal {
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
        int run(Workspace w) {
            Actor actor = actor(w);
            OrderService orders = orders(w);
            printPrior(out(), orders.priorActions(actor, itemId));
            RemovalOrder order = orders.draft(actor, itemId, provider, legalBasis, reasons, emergency, language);
            out().printf("order %d drafted to %s%s%s%n", order.id(), order.provider(),
                    order.crossBorder() ? " (cross-border)" : "", order.firstForProvider() ? " (first to this provider)" : "");
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve")
    static final class Approve extends Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;

        @Override
        int run(Workspace w) {
            RemovalOrder order = orders(w).approve(actor(w), id);
            out().printf("order %d approved; may be sent from %s%n", id, order.earliestSendAt().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "send", description = "Sign and send; delivered to the provider's endpoint when it has one.")
    static final class Send extends Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--url-in-notice", description = "The URL the provider should act on (default: the item's).")
        String url;

        @Override
        int run(Workspace w) {
            Transmitter transmitter = (provider, signed) -> {
                if (provider.endpoint().isEmpty()) {
                    return "no endpoint; deliver the signed order out of band";
                }
                RangeHttpClient client = new RangeHttpClient(host -> Optional.empty());
                String target = url != null ? url : firstUrl(signed);
                var response = client.post(provider.endpoint().get(), "application/json",
                        ("{\"kind\":\"order\",\"order\":\"" + signed + "\",\"url\":\"" + target + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
                return "HTTP " + response.status() + " " + response.text().strip();
            };
            RemovalOrder order = orders(w).send(actor(w), id, transmitter);
            out().printf("order %d sent; deadline %s%n", id, order.deadlineAt().orElseThrow());
            return ExitCodes.OK;
        }
    }

    /** The first URL named in a signed order's payload. */
    static String firstUrl(String jws) throws java.io.IOException {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).path("urls").path(0).asText();
    }

    @Command(name = "feedback", description = "Annex II: the provider removed or disabled the content.")
    static final class Feedback extends Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--removed-at", description = "Default: now.")
        String removedAt;

        @Override
        int run(Workspace w) {
            Instant at = removedAt == null ? Instant.now() : BankCommand.parseInstant(removedAt).orElseThrow();
            RemovalOrder order = orders(w).recordExecution(actor(w), id, at);
            out().printf("order %d executed (%s); preserve until %s%n", id, order.executedInTime() ? "in time" : "late",
                    order.preserveUntil().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "impossible", description = "Annex III: cannot comply; suspends the deadline.")
    static final class Impossible extends Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--reason", required = true, description = "force_majeure, manifest_error, missing_information")
        String reason;
        @Option(names = "--explanation", required = true)
        String explanation;

        @Override
        int run(Workspace w) {
            orders(w).declareImpossible(actor(w), id, Impossibility.valueOf(reason.toUpperCase(Locale.ROOT)), explanation);
            out().printf("order %d suspended%n", id);
            return ExitCodes.OK;
        }
    }

    @Command(name = "resume", description = "The impossibility is resolved; a new hour starts.")
    static final class Resume extends Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--note", required = true)
        String note;

        @Override
        int run(Workspace w) {
            RemovalOrder order = orders(w).resume(actor(w), id, note);
            out().printf("order %d resumed; deadline %s%n", id, order.deadlineAt().orElseThrow());
            return ExitCodes.OK;
        }
    }

    @Command(name = "scrutiny", description = "Record the host state's Art. 4 decision.")
    static final class Scrutiny extends Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;
        @Option(names = "--infringes", description = "The order infringes the Regulation or fundamental rights: it ceases.")
        boolean infringes;
        @Option(names = "--reasoning", required = true)
        String reasoning;

        @Override
        int run(Workspace w) {
            RemovalOrder order = orders(w).recordScrutiny(actor(w), id, infringes, reasoning);
            out().printf("order %d: %s%n", id, order.status().label());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "The order document in its language, its clock and its history.")
    static final class Show extends Legal {
        @Parameters(index = "0", paramLabel = "ORDER")
        long id;

        @Override
        int run(Workspace w) {
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
    static final class ListOrders extends Legal {
        @Override
        int run(Workspace w) {
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
    static final class Escalate extends Legal {
        @Override
        int run(Workspace w) {
            List<RemovalOrder> overdue = orders(w).escalateOverdue(root().actor());
            for (RemovalOrder order : overdue) {
                out().printf("order %d to %s is overdue since %s%n", order.id(), order.provider(),
                        order.deadlineAt().orElseThrow());
            }
            out().printf("%d order(s) escalated%n", overdue.size());
            return ExitCodes.OK;
        }
    }

    // ------------------------------------------------------------ reports and audit

    @Command(name = "report", description = "Reports.", subcommands = {Transparency.class})
    static final class ReportCommand extends Group {
    }

    @Command(name = "transparency", description = "Art. 7/8 transparency report for a year, as CSV or HTML.")
    static final class Transparency extends Legal {
        @Option(names = "--year", required = true)
        int year;
        @Option(names = "--format", defaultValue = "csv", description = "csv or html")
        String format;
        @Option(names = "--output", paramLabel = "FILE")
        Path output;

        @Override
        int run(Workspace w) throws Exception {
            TransparencyReport report = TransparencyReport.forYear(w.database(), actor(w), year);
            String text = format.equalsIgnoreCase("html") ? report.html() : report.csv();
            if (output == null) {
                out().print(text);
            } else {
                Files.writeString(output, text);
                out().printf("wrote %s%n", output);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "audit", description = "The audit trail.", subcommands = {Verify.class})
    static final class AuditCommand extends Group {
    }

    @Command(name = "verify", description = "Re-compute the hash chain and check signed checkpoints; exit 3 when tampered.")
    static final class Verify extends Legal {
        @Override
        int run(Workspace w) {
            AuditVerifier.Report report = AuditVerifier.verify(w.database(), w.signer().publicKey());
            if (report.intact()) {
                out().printf("audit trail intact: %d entries, %d signed checkpoints (key %s)%n", report.entries(),
                        report.checkpoints(), w.signer().keyId());
                return ExitCodes.OK;
            }
            out().printf("audit trail TAMPERED: %d problem(s) in %d entries%n", report.problems().size(), report.entries());
            report.problems().forEach(problem -> out().println("  " + problem));
            return ExitCodes.INVALID_INPUT;
        }
    }
}
