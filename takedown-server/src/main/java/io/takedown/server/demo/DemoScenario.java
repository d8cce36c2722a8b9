package io.takedown.server.demo;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Handling;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.banks.NewEntry;
import io.takedown.cases.CaseFile;
import io.takedown.cases.Item;
import io.takedown.operations.plan.ActionDay;
import io.takedown.operations.plan.TargetRequest;
import io.takedown.orders.RemovalOrder;
import io.takedown.server.accounts.Accounts;
import io.takedown.signals.Signal;
import io.takedown.signals.pdq.PdqHash;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * A small scenario for {@code takedown serve --demo}, made only through the services: a directory (an
 * authority, a coordinator, a provider and one user per role, each with a fresh password), a bank of
 * synthetic PDQ hashes, a case with items under each handling code, and orders at different points of the
 * legal clock, and an action day the coordinator plans. Nothing is loaded when the directory already has users.
 */
public final class DemoScenario {

    /** The users made and what to print for the operator. */
    public record Loaded(Map<String, String> passwords, List<String> lines) {
    }

    public static final List<String> USERS = List.of("admin", "ana", "bert", "otto", "cora", "pia");

    private DemoScenario() {
    }

    public static Loaded load(Takedown takedown, Accounts accounts) {
        var directory = takedown.directory();
        if (!directory.agencies().isEmpty()) {
            return new Loaded(Map.of(), List.of("demo: the directory is already set up; nothing loaded"));
        }
        directory.addAgency(Optional.empty(), "NL-IRU", "Demo referral unit", "NL", AgencyKind.COMPETENT_AUTHORITY,
                Optional.empty());
        directory.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
        Optional<Actor> admin = Optional.of(directory.actor("admin"));
        directory.addAgency(admin, "EU-HUB", "Demo coordinator", "NL", AgencyKind.COORDINATOR, Optional.empty());
        directory.addAgency(admin, "HOST-1", "Demo hosting provider", "IE", AgencyKind.PROVIDER, Optional.empty());
        directory.addUser(admin, "ana", "NL-IRU", Set.of(Role.ANALYST));
        directory.addUser(admin, "bert", "NL-IRU", Set.of(Role.APPROVER));
        directory.addUser(admin, "otto", "NL-IRU", Set.of(Role.AUDITOR));
        directory.addUser(admin, "cora", "EU-HUB", Set.of(Role.COORDINATOR));
        directory.addUser(admin, "pia", "HOST-1", Set.of(Role.PROVIDER_STAFF));
        Map<String, String> passwords = new java.util.LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        for (String user : USERS) {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String password = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            accounts.setPassword(Optional.empty(), user, password.toCharArray());
            passwords.put(user, password);
        }

        Random hashes = new Random(42);
        takedown.banks().createBank("OUTLET_O01", "Demo: images of fictional outlet o01", false, OptionalInt.empty(),
                OptionalInt.empty(), "ana");
        List<NewEntry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            PdqHash hash = new PdqHash(hashes.nextLong(), hashes.nextLong(), hashes.nextLong(), hashes.nextLong());
            entries.add(NewEntry.of(new Signal("pdq", hash.toHex(), OptionalInt.of(100)),
                    Set.of(i % 3 == 0 ? "behaviour:recruitment" : "behaviour:propaganda", "entity:outlet-o01"),
                    "demo/o01/image-" + i + ".png"));
        }
        takedown.banks().add("OUTLET_O01", entries, "ana");

        Actor ana = directory.actor("ana");
        Actor bert = directory.actor("bert");
        CaseFile file = takedown.cases().createCase(ana, "Outlet o01 mirrors", Handling.AMBER, true);
        List<Item> items = new ArrayList<>();
        Handling[] codes = {Handling.RED, Handling.AMBER, Handling.GREEN, Handling.AMBER};
        for (int i = 0; i < codes.length; i++) {
            String pdq = entries.get(i).signal().value();
            items.add(takedown.cases().addItem(ana, file.id(), "https://mirror-" + (i + 1) + ".o01.test/articles/" + (7 + i)
                    + ".html", Optional.of("warc:demo-" + i), Map.of("pdq", pdq),
                    List.of(i % 2 == 0 ? "behaviour:recruitment" : "behaviour:propaganda"), codes[i]));
        }
        RemovalOrder sent = takedown.orders().draft(ana, items.get(0).id(), "HOST-1", "Art. 5 Directive (EU) 2017/541",
                "Recruitment video of outlet o01 re-uploaded", true, "en");
        takedown.orders().approve(bert, sent.id());
        takedown.orders().send(bert, sent.id());
        // HOST-1 has no endpoint: the order went out of band and its receipt is recorded by the issuer.
        takedown.orders().recordReceipt(bert, sent.id(), io.takedown.orders.OutboxMessage.Kind.ORDER,
                takedown.clock().instant());
        RemovalOrder drafted = takedown.orders().draft(ana, items.get(1).id(), "HOST-1", "Art. 5 Directive (EU) 2017/541",
                "Glorification article mirrored", true, "en");

        Actor cora = directory.actor("cora");
        ActionDay day = takedown.actionPlanning().create(cora, "Operation o01 mirrors",
                takedown.clock().instant().plus(Duration.ofHours(2)), List.of("NL-IRU"));
        takedown.actionPlanning().addTargets(ana, day.id(), TargetRequest.orders(file.id(), "HOST-1",
                "Mirrors of outlet o01 re-uploading its recruitment material").items(List.of(items.get(2).id(),
                items.get(3).id())));

        List<String> lines = new ArrayList<>();
        lines.add("demo: directory, bank OUTLET_O01 (40 entries), case " + file.id() + " with " + items.size()
                + " items, order " + sent.id() + " sent (one-hour clock running), order " + drafted.id() + " drafted, "
                + "action day " + day.id() + " planned by EU-HUB");
        passwords.forEach((user, password) -> lines.add("demo: user " + user + " password " + password));
        return new Loaded(passwords, lines);
    }
}
