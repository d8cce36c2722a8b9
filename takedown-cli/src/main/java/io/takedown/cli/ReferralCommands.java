package io.takedown.cli;

import io.takedown.app.Takedown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The legal workflow on the command line: directory, cases, referrals, removal orders, transparency
 * reports and audit verification. Every command acts as the user named by {@code --as}, whose roles the
 * services check.
 */
/** Referral commands: voluntary notices to providers. */
final class ReferralCommands {

    private ReferralCommands() {
    }


    @Command(name = "referral", description = "Voluntary referrals to providers.",
            subcommands = {CreateReferral.class, SendReferral.class, ReferralOutcome.class})
    static final class ReferralCommand extends LegalCommands.Group {
    }

    @Command(name = "create")
    static final class CreateReferral extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "ITEM")
        long itemId;
        @Option(names = "--provider", required = true)
        String provider;

        @Override
        int run(Takedown w) {
            var created = w.referrals()
                    .create(actor(w), itemId, provider);
            out().printf("referral %d drafted%n", created.id());
            LegalCommands.printPrior(out(), created.priorActions());
            return ExitCodes.OK;
        }
    }

    @Command(name = "send")
    static final class SendReferral extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "REFERRAL")
        long id;

        @Override
        int run(Takedown w) {
            w.referrals().send(actor(w), id);
            out().printf("referral %d sent%n", id);
            return ExitCodes.OK;
        }
    }

    @Command(name = "outcome")
    static final class ReferralOutcome extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "REFERRAL")
        long id;
        @Parameters(index = "1", paramLabel = "OUTCOME", description = "removed, restricted, kept, no-reply")
        String outcome;

        @Override
        int run(Takedown w) {
            w.referrals().recordOutcome(actor(w), id, outcome);
            out().printf("referral %d: %s%n", id, outcome);
            return ExitCodes.OK;
        }
    }
}
