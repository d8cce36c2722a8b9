package io.takedown.cli;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.cases.Agency;
import io.takedown.cases.Directory;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.core.InvalidInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The legal workflow on the command line: directory, cases, referrals, removal orders, transparency
 * reports and audit verification. Every command acts as the user named by {@code --as}, whose roles the
 * services check.
 */
/** Directory commands: agencies and users. */
final class DirectoryCommands {

    private DirectoryCommands() {
    }


    @Command(name = "directory", description = "Agencies and users. The first agency and user need no --as.",
            subcommands = {AddAgency.class, AddUser.class, ListAgencies.class})
    static final class DirectoryCommand extends LegalCommands.Group {
    }

    /** The acting user if the directory knows them; nobody while the directory is being bootstrapped. */
    static Optional<Actor> optionalActor(Directory directory, String name) {
        try {
            return Optional.of(directory.actor(name));
        } catch (io.takedown.core.TakedownException e) {
            return Optional.empty();
        }
    }

    @Command(name = "agency", description = "Add an agency: authority, referral unit, coordinator, provider or NGO.")
    static final class AddAgency extends LegalCommands.Legal {
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
        int run(Takedown w) {
            Directory directory = w.directory();
            Optional<Actor> by = optionalActor(directory, root().actor());
            Agency agency = directory.addAgency(by, code, name, country.toUpperCase(Locale.ROOT),
                    AgencyKind.valueOf(kind.toUpperCase(Locale.ROOT)), Optional.ofNullable(endpoint));
            out().printf("added agency %s (%s, %s)%n", agency.code(), agency.kind(), agency.country());
            return ExitCodes.OK;
        }
    }

    @Command(name = "user", description = "Add a user with roles: analyst, approver, coordinator, provider_staff, auditor, admin.")
    static final class AddUser extends LegalCommands.Legal {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--agency", required = true)
        String agency;
        @Option(names = "--role", required = true, split = ",")
        List<String> roles;

        @Override
        int run(Takedown w) {
            Directory directory = w.directory();
            Optional<Actor> by = optionalActor(directory, root().actor());
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
    static final class ListAgencies extends LegalCommands.Legal {
        @Override
        int run(Takedown w) {
            try (RowWriter rows = OutputFormat.TABLE.open(out(), List.of("code", "kind", "country", "name", "endpoint"))) {
                for (Agency agency : w.directory().agencies()) {
                    rows.row(Arrays.asList(agency.code(), agency.kind().name().toLowerCase(), agency.country(),
                            agency.name(), agency.endpoint().orElse(null)));
                }
            }
            return ExitCodes.OK;
        }
    }
}
