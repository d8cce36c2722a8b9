package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.core.TakedownException;
import io.takedown.core.TakedownHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The {@code takedown} command: global options and the list of subcommands. */
@Command(name = "takedown",
        mixinStandardHelpOptions = true,
        versionProvider = TakedownCommand.Version.class,
        description = "Find, refer and remove terrorist content; tested on a synthetic range only.",
        subcommands = {DemoCommand.class, HashCommand.class, BankCommand.class, MatchCommand.class, RangeCommand.class,
            DirectoryCommands.DirectoryCommand.class, CaseCommands.CaseCommand.class, ReferralCommands.ReferralCommand.class,
            OrderCommands.OrderCommand.class, ReportCommands.ReportCommand.class, AuditCommands.AuditCommand.class, WitnessCommands.WitnessCommand.class,
            KeysAndBackupCommands.KeysCommand.class, KeysAndBackupCommands.Backup.class, KeysAndBackupCommands.Restore.class,
            ActionCommands.ActionCommand.class, ActionCommands.DeconflictCommand.class,
            MonitorCommands.MonitorCommand.class, EvidenceCommands.EvidenceCommand.class,
            SignalsCommand.class, VideoCommands.VideoCommand.class, ServeCommand.class, AccountCommands.AccountCommand.class,
            InfraCommand.class,
            CommandLine.HelpCommand.class})
public final class TakedownCommand {

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory (default: $TAKEDOWN_HOME, else ~/.takedown).")
    Path home;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = "--database", paramLabel = "JDBC-URL", scope = ScopeType.INHERIT,
            description = "jdbc:postgresql://host/db?user=..&password=.. (default: embedded SQLite in the data directory; "
                    + "also $TAKEDOWN_DATABASE).")
    String database;

    @Option(names = "--as", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = "Who is acting, for provenance and history (default: $USER).")
    String actor;

    /** The acting user's name. */
    public String actor() {
        if (actor != null && !actor.isBlank()) {
            return actor;
        }
        String user = System.getenv("USER");
        return user == null || user.isBlank() ? System.getProperty("user.name", "unknown") : user;
    }

    /** Whether {@code --as} was given (some commands act as the operator at the machine otherwise). */
    boolean actorGiven() {
        return actor != null && !actor.isBlank();
    }

    /** The platform's services for this command, over the configured data directory and database. */
    Takedown workspace() {
        return Takedown.open(config());
    }

    /** Data directory and database from the options, else the environment, else the defaults. */
    public TakedownConfig config() {
        return TakedownConfig.resolve(home, database, System.getenv());
    }

    /** The data directory every command keeps its state in. */
    public TakedownHome home() {
        return config().home();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; used by tests in-process. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        TakedownCommand root = new TakedownCommand();
        CommandLine commandLine = new CommandLine(root);
        standardHelpEverywhere(commandLine, commandLine.getCommandSpec().versionProvider());
        commandLine.setExitCodeExceptionMapper(e -> switch (e) {
            case CommandLine.ParameterException usage -> ExitCodes.USAGE;
            case TakedownException t -> ExitCodes.of(t.kind());
            default -> ExitCodes.INTERNAL;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof CommandLine.ParameterException usage) {
                err.println("takedown: " + usage.getMessage());
                usage.getCommandLine().usage(err);
                return ExitCodes.USAGE;
            }
            if (e instanceof TakedownException t) {
                err.println("takedown: " + t.getMessage());
                if (root.verbose) {
                    e.printStackTrace(err);
                }
                return ExitCodes.of(t.kind());
            }
            err.println("takedown: internal error: " + e);
            e.printStackTrace(err);
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    /**
     * Gives every command below {@code commandLine} {@code -h/--help} and {@code -V/--version}, so a command
     * added later cannot forget them (picocli only adds them where the annotation asks).
     */
    static void standardHelpEverywhere(CommandLine commandLine, CommandLine.IVersionProvider version) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (!spec.mixinStandardHelpOptions() && spec.optionsMap().get("--help") == null) {
                spec.mixinStandardHelpOptions(true);
            }
            if (spec.versionProvider() == null) {
                spec.versionProvider(version);
            }
            standardHelpEverywhere(sub, version);
        }
    }

    /** The build: version, git commit and time from the jar's {@code build.properties}, and the Java running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream in = TakedownCommand.class.getResourceAsStream("build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            } catch (java.io.IOException e) {
                // An unreadable resource leaves the fields unknown; --version still answers.
            }
            String version = known(build.getProperty("version"), TakedownCommand.class.getPackage().getImplementationVersion());
            String commit = known(build.getProperty("commit"), null);
            String dirty = "true".equals(build.getProperty("dirty")) ? " with uncommitted changes" : "";
            String time = known(build.getProperty("time"), null);
            return new String[] {"takedown " + (version == null ? "development" : version)
                    + (commit == null ? "" : " (commit " + commit + dirty + (time == null ? "" : ", committed " + time) + ")"),
                "Java " + Runtime.version() + " on " + System.getProperty("os.name")};
        }

        /** Unfiltered placeholders (a build without git) count as unknown. */
        private static String known(String value, String fallback) {
            return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
        }
    }
}
