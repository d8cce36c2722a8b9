package io.takedown.cli;

import io.takedown.app.Settings;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.server.ServerSettings;
import io.takedown.server.TakedownServer;
import io.takedown.server.demo.DemoScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code takedown serve}: the API, HMA-compatible routes and console until stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the API, the HMA-compatible routes and the web console.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    TakedownCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: server.port, else 8080; 0 = any free).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: server.host, else 127.0.0.1).")
    String host;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (default: takedown.properties in the data directory, if present).")
    Path config;

    @Option(names = "--demo", description = "Load a small demo scenario first (directory, banks, cases, orders); "
            + "prints the demo users' passwords.")
    boolean demo;

    @Override
    public Integer call() {
        TakedownConfig base = root.config();
        Settings settings = Settings.load(Settings.file(config, base), System.getenv());
        if (port != null) {
            settings = settings.with("server.port", Integer.toString(port));
        }
        if (host != null) {
            settings = settings.with("server.host", host);
        }
        ServerSettings serverSettings = ServerSettings.from(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Takedown takedown = Takedown.open(base); TakedownServer server = TakedownServer.create(takedown, serverSettings)) {
            if (demo) {
                DemoScenario.Loaded loaded = DemoScenario.load(takedown, server.accounts());
                loaded.lines().forEach(spec.commandLine().getOut()::println);
            }
            server.start();
            Thread hook = new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "takedown-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            spec.commandLine().getOut().println("Takedown serving at " + server.url() + " (console: " + server.url()
                    + "console, API document: " + server.url() + "openapi.json); Ctrl-C stops");
            spec.commandLine().getOut().flush();
            if (server.matching().awaitReady(Duration.ofMinutes(10))) {
                spec.commandLine().getOut().println("match index ready: " + server.matching().size() + " entries");
                spec.commandLine().getOut().flush();
            }
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
