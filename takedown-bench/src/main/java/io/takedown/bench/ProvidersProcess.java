package io.takedown.bench;

import io.takedown.range.Provider;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.tls.RangeCa;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The action-day bench's simulated providers in a JVM of their own, run at the lowest CPU priority
 * ({@code nice -n 19} where there is {@code nice}): in reality the providers are other machines, and in the
 * sender's JVM their TLS, HTTP/2 and Ed25519 checks took most of the two cores during the burst. The range is
 * the same ({@link RangeServer}, generated from the same seed as the bench's world), driven over standard input
 * and output by {@link Handle}: lines the child prints that start with {@code "@ "} answer, everything else is
 * log.
 *
 * <pre>
 * child → @ ca PATH          the range CA's certificate (PEM), written under the given directory
 *       → @ endpoint ID URI  one per provider: its notice endpoint over HTTPS
 *       → @ ready
 * parent → trust DIR         check orders against the agency keys in this data directory
 *        → at INSTANT        set the range clock (receipts carry range time)
 *        → count             answered by "@ count NOTICES REPEATS"
 *        (end of input)      the child stops
 * </pre>
 */
public final class ProvidersProcess {

    private ProvidersProcess() {
    }

    /** The world the bench plans against: {@code providers} providers (World makes outlets + 2). */
    static World world(int providers) {
        return World.generate(7, new RangeSize("bench", Math.max(3, providers - 2), 1, 0, 0));
    }

    /** Child: {@code PROVIDERS START-INSTANT DIRECTORY}. */
    public static void main(String[] args) throws Exception {
        int providers = Integer.parseInt(args[0]);
        RangeClock clock = RangeClock.manual(Instant.parse(args[1]));
        Path directory = Path.of(args[2]);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        World world = world(providers);
        try (RangeServer server = new RangeServer(world, clock).start();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            Path ca = directory.resolve("range-ca.pem");
            Files.writeString(ca, server.ca().certificatePem());
            out.println("@ ca " + ca);
            for (Provider provider : world.providers()) {
                out.println("@ endpoint " + provider.id() + " " + server.tlsNoticeEndpoint(provider.id()));
            }
            out.println("@ ready");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.strip().split(" ", 2);
                switch (words[0]) {
                    case "trust" -> server.issuerKeys().trustDirectory(Path.of(words[1]));
                    case "at" -> {
                        Duration ahead = Duration.between(clock.instant(), Instant.parse(words[1]));
                        if (!ahead.isNegative()) {
                            clock.advance(ahead);
                        }
                    }
                    case "count" -> out.println("@ count " + server.notices().size() + " "
                            + server.deliveriesPerKey().values().stream().mapToLong(n -> n - 1).sum());
                    default -> out.println("@ error unknown command " + line);
                }
            }
        }
    }

    /** The parent's side: starts the child and talks to it. */
    static final class Handle implements ActionDayBench.Providers {
        private final Process process;
        private final Writer commands;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final Map<String, URI> endpoints = new HashMap<>();
        private final X509Certificate ca;

        private Handle(Process process) throws IOException, InterruptedException {
            this.process = process;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread.ofPlatform().daemon().name("providers-process-output").start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("@ ")) {
                            answers.add(line.substring(2));
                        } else {
                            System.err.println("providers: " + line);
                        }
                    }
                } catch (IOException e) {
                    // the child went away; next() reports it
                }
                answers.add("gone");
            });
            X509Certificate authority = null;
            for (String line = next(Duration.ofMinutes(5)); !line.equals("ready"); line = next(Duration.ofMinutes(5))) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "ca" -> authority = RangeCa.readPem(Files.readString(Path.of(words[1]))).getFirst();
                    case "endpoint" -> endpoints.put(words[1], URI.create(words[2]));
                    default -> throw new IOException("providers process: " + line);
                }
            }
            if (authority == null) {
                throw new IOException("providers process gave no CA certificate");
            }
            this.ca = authority;
        }

        /** Starts the child on this JVM's class path, niced when the system has {@code nice}. */
        static Handle start(int providers, Instant start, Path directory) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
                command.addAll(List.of("/usr/bin/nice", "-n", "19"));
            }
            command.addAll(List.of(java, "-Xmx2g", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                    ProvidersProcess.class.getName(), Integer.toString(providers), start.toString(),
                    directory.toString()));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                return new Handle(process);
            } catch (IOException | InterruptedException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        @Override
        public X509Certificate ca() {
            return ca;
        }

        @Override
        public URI endpoint(String providerId) {
            URI uri = endpoints.get(providerId);
            if (uri == null) {
                throw new IllegalArgumentException("providers process has no provider " + providerId);
            }
            return uri;
        }

        @Override
        public void trust(Path dataDirectory) throws IOException {
            send("trust " + dataDirectory);
        }

        @Override
        public void at(Instant now) throws IOException {
            send("at " + now);
        }

        /** Notices the providers took and deliveries of an idempotency key beyond its first. */
        @Override
        public long[] count() throws IOException, InterruptedException {
            send("count");
            String[] words = next(Duration.ofMinutes(5)).split(" ");
            if (!words[0].equals("count")) {
                throw new IOException("providers process: " + String.join(" ", words));
            }
            return new long[] {Long.parseLong(words[1]), Long.parseLong(words[2])};
        }

        private void send(String command) throws IOException {
            commands.write(command + "\n");
            commands.flush();
        }

        private String next(Duration within) throws IOException, InterruptedException {
            String line = answers.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || line.equals("gone")) {
                throw new IOException("providers process " + (line == null ? "did not answer" : "exited"));
            }
            return line;
        }

        @Override
        public void close() throws InterruptedException {
            try {
                commands.close();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
