package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.cases.CaseService;
import io.takedown.cases.PriorAction;
import io.takedown.orders.OrderService;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
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
            try (Takedown workspace = root().workspace()) {
                int code = run(workspace);
                out().flush();
                return code;
            }
        }

        Actor actor(Takedown workspace) {
            return workspace.directory().actor(root().actor());
        }

        CaseService cases(Takedown w) {
            return w.cases();
        }

        OrderService orders(Takedown w) {
            return w.orders();
        }

        abstract int run(Takedown workspace) throws Exception;
    }

    /** A command with subcommands; gives them the root. */
    abstract static class Group {
        @ParentCommand
        TakedownCommand root;
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
}
