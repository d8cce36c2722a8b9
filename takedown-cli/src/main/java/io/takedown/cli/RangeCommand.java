package io.takedown.cli;

import io.takedown.range.Outlet;
import io.takedown.range.Provider;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeExporter;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takedown range serve|export}: the synthetic world on loopback or on disk. */
@Command(name = "range", description = "The synthetic range: fictional outlets, mirrors and providers on loopback.",
        subcommands = {RangeCommand.Serve.class, RangeCommand.Export.class, RangeEvasionsCommand.class,
            RangeVideoEvasionsCommand.class})
final class RangeCommand {

    @picocli.CommandLine.ParentCommand
    TakedownCommand root;

    /** Options every range command takes. */
    static class WorldOptions {
        @Option(names = "--seed", defaultValue = "42", description = "World seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--size", defaultValue = "small", description = "small, medium or large (default ${DEFAULT-VALUE}).")
        String size;

        World world() {
            return World.generate(seed, RangeSize.parse(size));
        }
    }

    @Command(name = "export", description = "Write the world's sites, newsletters, packages and ground truth to a folder.")
    static final class Export implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        WorldOptions options = new WorldOptions();
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;
        @Option(names = "--no-progress")
        boolean noProgress;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            World world = options.world();
            try (Progress progress = Progress.start("Exporting", world.size().articles(), !noProgress)) {
                new RangeExporter(world).export(out, done -> progress.step());
            }
            spec.commandLine().getOut().printf("exported range seed %d (%s): %d articles, %d items, to %s%n",
                    world.seed(), world.size().name(), world.size().articles(), world.size().items(), out);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "serve", description = "Serve the world on loopback until interrupted; prints the resolver table.")
    static final class Serve implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        WorldOptions options = new WorldOptions();
        @Option(names = "--speed", defaultValue = "60", description = "Range seconds per real second (default ${DEFAULT-VALUE}).")
        double speed;
        @Option(names = "--ca-out", paramLabel = "FILE", description = "Write the range's certificate authority (PEM) "
                + "here, e.g. DATA_DIR/trust/range-ca.pem, so order delivery trusts the range's HTTPS endpoints.")
        java.nio.file.Path caOut;
        @Option(names = "--publish-every", defaultValue = "1h", paramLabel = "DURATION",
                description = "Range time between two new articles of each outlet; 0 keeps the world as generated "
                        + "(default ${DEFAULT-VALUE}).")
        String publishEvery;
        @Option(names = "--proxy-port", defaultValue = "0", description = "Port of the forward proxy on 127.0.0.1 "
                + "(default: any free port).")
        int proxyPort;
        @Option(names = "--issuer-keys", paramLabel = "DATA_DIR", description = "A Takedown data directory whose "
                + "agencies' published keys (keys/agency/CODE/) the providers check orders against; repeatable. "
                + "Orders over HTTPS that do not verify are refused.")
        java.util.List<java.nio.file.Path> issuerKeys = new java.util.ArrayList<>();
        @Option(names = "--issuer-jwks", paramLabel = "FILE", description = "A JWK Set (with \"issuer\": the agency "
                + "code) an authority published; repeatable.")
        java.util.List<java.nio.file.Path> issuerJwks = new java.util.ArrayList<>();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            World world = options.world();
            Instant start = Instant.parse("2026-03-01T09:00:00Z");
            RangeClock clock = new RangeClock(start, speed);
            java.time.Duration every = publishEvery.equals("0") ? java.time.Duration.ZERO
                    : MonitorCommands.Crawl.duration(publishEvery);
            PrintWriter out = spec.commandLine().getOut();
            try (RangeServer server = new RangeServer(world, clock, new io.takedown.range.evolution.Evolution(start, every))
                    .start();
                 io.takedown.range.proxy.RangeProxy proxy = new io.takedown.range.proxy.RangeProxy(server::resolve)
                         .start(proxyPort)) {
                out.printf("range seed %d (%s) on loopback; range clock x%.0f; outlets publish every %s of range time%n",
                        world.seed(), world.size().name(), speed, every.isZero() ? "never" : every);
                out.printf("forward proxy: http://%s:%d  (e.g. http_proxy=http://%1$s:%2$d wget ..., or "
                        + "takedown monitor crawl --proxy %1$s:%2$d)%n", proxy.address().getHostString(),
                        proxy.address().getPort());
                issuerKeys.forEach(server.issuerKeys()::trustDirectory);
                for (java.nio.file.Path jwks : issuerJwks) {
                    server.issuerKeys().publish(java.nio.file.Files.readString(jwks));
                }
                for (Outlet outlet : world.outlets()) {
                    for (String domain : outlet.domains()) {
                        var address = server.resolve(domain).orElseThrow();
                        out.printf("  %-45s -> %s:%d  (%s)%n", domain, address.getHostString(), address.getPort(),
                                outlet.name());
                    }
                }
                for (Provider provider : world.providers()) {
                    out.printf("  notices for %-12s %-26s %-20s %s  (HTTPS: %s)%n", provider.id(), provider.name(),
                            provider.behaviour().name().toLowerCase(), server.noticeEndpoint(provider.id()),
                            server.tlsNoticeEndpoint(provider.id()));
                }
                out.printf("  copies for a member state's competent authority: %s (CC = country)%n",
                        server.authorityEndpoint("CC"));
                if (caOut != null) {
                    java.nio.file.Path parent = caOut.toAbsolutePath().getParent();
                    if (parent != null) {
                        java.nio.file.Files.createDirectories(parent);
                    }
                    java.nio.file.Files.writeString(caOut, server.ca().certificatePem());
                    out.printf("  range certificate authority written to %s%n", caOut);
                }
                out.println("Ctrl-C to stop.");
                out.flush();
                new CountDownLatch(1).await();
            }
            return ExitCodes.OK;
        }
    }
}
