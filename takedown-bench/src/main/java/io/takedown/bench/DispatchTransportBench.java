package io.takedown.bench;

import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import io.takedown.range.Provider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The strike's burst on the transport alone, the JDK's HTTP client beside Jetty's: {@code --orders} documents
 * posted at once over warmed connections (one per provider, HTTP/2 by ALPN, TLS trusting the range CA only) to
 * {@code --providers} simulated providers running in a process of their own ({@link ProvidersProcess}), one
 * virtual thread per document as the outbox relay does. No database: what is left is what the HTTP client
 * costs per request. Each round uses new idempotency keys; transports take turns so load drifts hit both.
 *
 * <pre>bench/dispatch-transport.sh [ORDERS] [PROVIDERS] [ROUNDS]</pre>
 */
public final class DispatchTransportBench {

    private DispatchTransportBench() {
    }

    private record Burst(String transport, int round, double warmSeconds, Map<String, Long> protocols,
                         double toFirstMillis, double spreadMillis, double p50Millis, double p99Millis,
                         int acknowledged, int failed) {
    }

    public static void main(String[] args) throws Exception {
        int orders = 10_000;
        int providers = 500;
        int rounds = 2;
        int bodyBytes = 3_000;
        List<String> transports = List.of("jdk", "jetty");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" -> orders = Integer.parseInt(args[++i]);
                case "--providers" -> providers = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--body-bytes" -> bodyBytes = Integer.parseInt(args[++i]);
                case "--transports" -> transports = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path scratch = Files.createTempDirectory("takedown-dispatch-bench");
        List<Burst> bursts = new ArrayList<>();
        try (ProvidersProcess.Handle range = ProvidersProcess.Handle.start(providers, Instant.now(), scratch)) {
            List<URI> endpoints = new ArrayList<>();
            for (Provider provider : ProvidersProcess.world(providers).providers().subList(0, providers)) {
                endpoints.add(range.endpoint(provider.id()));
            }
            DeliverySettings settings = DeliverySettings.defaults(List.of(range.ca())).withTimeout(Duration.ofMinutes(2));
            for (int round = 1; round <= rounds; round++) {
                for (String name : transports) {
                    bursts.add(burst(name, round, settings, endpoints, orders, bodyBytes));
                    Burst b = bursts.getLast();
                    System.err.printf("%s round %d: spread %.1f ms, %d acknowledged%n", name, round, b.spreadMillis(),
                            b.acknowledged());
                }
            }
            long[] counts = range.count();
            System.err.printf("providers took %d notices, %d repeated keys%n", counts[0], counts[1]);
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        BenchTable table = new BenchTable("HTTP client", "Round", "Orders / providers", "Connections warmed",
                "Burst start to first send (ms)", "Spread first to last send (ms)", "Send latency p50 / p99 (ms)",
                "Acknowledged / failed");
        for (Burst b : bursts) {
            table.row(b.transport(), b.round(), orders + " / " + providers,
                    b.protocols() + " in " + BenchTable.fmt(b.warmSeconds(), 1) + " s",
                    BenchTable.fmt(b.toFirstMillis(), 1), BenchTable.fmt(b.spreadMillis(), 1),
                    BenchTable.fmt(b.p50Millis(), 1) + " / " + BenchTable.fmt(b.p99Millis(), 1),
                    b.acknowledged() + " / " + b.failed());
        }
        System.out.print(table.markdown());
    }

    static Transport transport(String name, DeliverySettings settings) {
        return switch (name) {
            case "jdk" -> settings.transport();
            case "jetty" -> settings.burstTransport();
            default -> throw new IllegalArgumentException("transport is jdk or jetty, not " + name);
        };
    }

    private static Burst burst(String name, int round, DeliverySettings settings, List<URI> endpoints, int orders,
                               int bodyBytes) throws Exception {
        Transport transport = transport(name, settings);
        try {
            long warmStart = System.nanoTime();
            Map<String, Long> protocols = new TreeMap<>();
            transport.warm(endpoints).values().forEach(v -> protocols.merge(v.startsWith("failed") ? "failed" : v, 1L,
                    Long::sum));
            double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
            // Everything ready before the burst, as the strike holds its signed orders in memory.
            String pad = "x".repeat(Math.max(0, bodyBytes - 120));
            byte[][] bodies = new byte[orders][];
            URI[] targets = new URI[orders];
            String[] keys = new String[orders];
            for (int i = 0; i < orders; i++) {
                int p = i % endpoints.size();
                targets[i] = endpoints.get(p);
                keys[i] = name + "-" + round + "-" + i;
                bodies[i] = ("{\"kind\":\"referral\",\"url\":\"http://bench-" + p + ".test/" + keys[i]
                        + ".html\",\"note\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            long[] sent = new long[orders];
            long[] answered = new long[orders];
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            long start;
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < orders; i++) {
                    int n = i;
                    threads.submit(() -> {
                        go.await();
                        try {
                            Transport.Response response = transport.post(targets[n], keys[n], "application/json",
                                    bodies[n], () -> sent[n] = System.nanoTime());
                            sent[n] = response.sentNanos() != 0 ? response.sentNanos() : sent[n];
                            answered[n] = response.answeredNanos() != 0 ? response.answeredNanos() : System.nanoTime();
                            (response.acknowledged() ? acknowledged : failed).incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            if (failed.get() <= 3) {
                                System.err.println(name + ": " + e);
                            }
                        }
                        return null;
                    });
                }
                start = System.nanoTime();
                go.countDown();
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                if (sent[i] != 0 && answered[i] != 0) {
                    first = Math.min(first, sent[i]);
                    last = Math.max(last, sent[i]);
                    latencies.add(answered[i] - sent[i]);
                }
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Burst(name, round, warmSeconds, protocols, (first - start) / 1e6, (last - first) / 1e6,
                    percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, acknowledged.get(), failed.get());
        } finally {
            if (transport instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
