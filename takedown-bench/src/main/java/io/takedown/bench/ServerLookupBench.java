package io.takedown.bench;

import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.server.ServerSettings;
import io.takedown.server.TakedownServer;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.store.Timestamps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HMA's {@code GET /m/lookup} by PDQ hash against a large bank, through the real server on loopback, at 1, 100
 * and 1,000 concurrent clients: throughput and p50/p99 latency per level, and how long the server took from
 * start to serving the bank.
 *
 * <pre>
 * bench/server-lookup.sh [N] [SECONDS]      e.g. bench/server-lookup.sh 10000000 20
 * java ... io.takedown.bench.ServerLookupBench --n 1000000 --seconds 20 [--clients 1,100,1000] [--home DIR]
 * </pre>
 *
 * Data: n random PDQ hashes (quality 100) in one bank, written with batched SQL (the bench's own loader; a
 * real bulk import goes through the banks' importer). Queries: half near-duplicates (0-31 bits flipped) of
 * banked hashes, half random. Clients are virtual threads sharing one {@link HttpClient}, each sending its
 * next request when the previous answer arrived (closed loop), on the same two cores as the server.
 */
public final class ServerLookupBench {

    private ServerLookupBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = 1_000_000;
        int seconds = 20;
        int[] levels = {1, 100, 1000};
        Path home = null;
        String generator = wrkOnPath() ? "wrk" : "java";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--clients" -> levels = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--home" -> home = Path.of(args[++i]);
                case "--generator" -> generator = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (home == null) {
            home = Files.createTempDirectory("takedown-bench-server-");
        }
        SplittableRandom random = new SplittableRandom(11);
        long[][] banked = new long[Math.min(n, 100_000)][];
        String token;
        try (Takedown takedown = Takedown.open(TakedownConfig.embedded(home))) {
            long loadStart = System.nanoTime();
            token = load(takedown, n, random, banked);
            System.out.printf(Locale.ROOT, "bank of %,d PDQ hashes written in %.1f s (%s)%n", n,
                    (System.nanoTime() - loadStart) / 1e9, home);
        }
        try (Takedown takedown = Takedown.open(TakedownConfig.embedded(home));
             TakedownServer server = TakedownServer.create(takedown, ServerSettings.forTests())) {
            long start = System.nanoTime();
            server.start();
            if (!server.matching().awaitReady(Duration.ofMinutes(30))) {
                throw new IllegalStateException("index did not load");
            }
            double startup = (System.nanoTime() - start) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf(Locale.ROOT, "server serving %,d entries %.2f s after start; heap used %.0f MB%n",
                    server.matching().size(), startup, (rt.totalMemory() - rt.freeMemory()) / 1e6);
            server.matching().status().ifPresent(status -> System.out.println("index: " + status.opened()));
            List<String> queries = new ArrayList<>();
            for (int i = 0; i < 4096; i++) {
                long[] words = i % 2 == 0 ? banked[random.nextInt(banked.length)].clone()
                        : new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
                if (i % 2 == 0) {
                    int flips = random.nextInt(32);
                    for (int f = 0; f < flips; f++) {
                        int bit = random.nextInt(256);
                        words[bit / 64] ^= 1L << (bit % 64);
                    }
                }
                queries.add(PdqHash.ofWords(words).toHex());
            }
            System.out.println();
            System.out.println("load generator: " + (generator.equals("wrk") ? "wrk (Debian), 2 threads"
                    : "Java HttpClient on virtual threads, in the server's JVM"));
            // The server's CPU per look-up (all its threads, GC included) is what the machine's load changes least:
            // a loaded machine lowers the throughput, much less the CPU a request costs.
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            System.out.println("| Clients | Requests | Lookups/s | p50 (ms) | p99 (ms) | Server CPU per lookup (µs) | Errors |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int clients : levels) {
                Result r;
                long cpu;
                if (generator.equals("wrk")) {
                    wrk(server.url(), token, queries, clients, Math.max(2, seconds / 5));
                    long cpuBefore = os.getProcessCpuTime();
                    r = wrk(server.url(), token, queries, clients, seconds);
                    cpu = os.getProcessCpuTime() - cpuBefore;
                } else {
                    run(server.url(), token, queries, clients, Math.max(2, seconds / 5), false);
                    long cpuBefore = os.getProcessCpuTime();
                    r = run(server.url(), token, queries, clients, seconds, true);
                    cpu = os.getProcessCpuTime() - cpuBefore; // includes the in-process load generator
                }
                System.out.printf(Locale.ROOT, "| %,d | %,d | %,.0f | %.2f | %.2f | %.0f | %d |%n", clients, r.requests,
                        r.requests / (double) seconds, r.p50 / 1e6, r.p99 / 1e6, cpu / 1e3 / Math.max(1, r.requests),
                        r.errors);
            }
        }
    }

    record Result(long requests, long errors, long p50, long p99) {
    }

    private static boolean wrkOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    /** One level with wrk (closed loop, {@code clients} connections on two threads), parsed from its report. */
    private static Result wrk(URI base, String token, List<String> queries, int clients, int seconds) throws Exception {
        Path script = Files.createTempFile("takedown-wrk-", ".lua");
        StringBuilder lua = new StringBuilder("local queries = {\n");
        for (String q : queries) {
            lua.append("  \"/m/lookup?signal_type=pdq&signal=").append(q).append("\",\n");
        }
        lua.append("}\nlocal i = 0\nwrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n")
                .append("request = function()\n  i = i + 1\n  return wrk.format(\"GET\", queries[(i % #queries) + 1])\nend\n");
        Files.writeString(script, lua);
        int threads = Math.min(2, clients);
        Process process = new ProcessBuilder("wrk", "-t" + threads, "-c" + clients, "-d" + seconds + "s", "--latency",
                "--timeout", "30s", "-s", script.toString(), base.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        Files.deleteIfExists(script);
        long requests = 0;
        long errors = 0;
        long p50 = 0;
        long p99 = 0;
        for (String line : output.split("\n")) {
            String t = line.trim();
            if (t.matches("\\d+ requests in .*")) {
                requests = Long.parseLong(t.substring(0, t.indexOf(' ')));
            } else if (t.startsWith("50%")) {
                p50 = nanos(t.substring(3).trim());
            } else if (t.startsWith("99%")) {
                p99 = nanos(t.substring(3).trim());
            } else if (t.startsWith("Non-2xx or 3xx responses:")) {
                errors += Long.parseLong(t.substring(t.indexOf(':') + 1).trim());
            } else if (t.startsWith("Socket errors:")) {
                for (String part : t.substring(t.indexOf(':') + 1).split(",")) {
                    errors += Long.parseLong(part.trim().replaceAll("[^0-9]", ""));
                }
            }
        }
        if (requests == 0) {
            throw new IllegalStateException("wrk reported nothing:\n" + output);
        }
        return new Result(requests, errors, p50, p99);
    }

    private static long nanos(String value) {
        double number = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        String unit = value.replaceAll("^[0-9.]+", "");
        return (long) (number * switch (unit) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 1;
        });
    }

    private static Result run(URI base, String token, List<String> queries, int clients, int seconds, boolean measure)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int me = c;
            latencies[me] = new long[1024];
            threads.add(Thread.ofVirtual().start(() -> {
                int q = me * 31;
                while (!stop.get()) {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("m/lookup?signal_type=pdq&signal="
                            + queries.get(q++ % queries.size()))).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(60)).GET().build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    long took = System.nanoTime() - t0;
                    if (stop.get()) {
                        break;
                    }
                    if (counts[me] == latencies[me].length) {
                        latencies[me] = Arrays.copyOf(latencies[me], counts[me] * 2);
                    }
                    latencies[me][counts[me]++] = took;
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(70));
        }
        client.close();
        if (!measure) {
            return null;
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(total, errors.get(), total == 0 ? 0 : all[total / 2],
                total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))]);
    }

    /** Writes the bench's bank (once per data directory) and returns an API token of its analyst. */
    private static String load(Takedown takedown, int n, SplittableRandom random, long[][] banked) {
        var directory = takedown.directory();
        boolean fresh = directory.agencies().isEmpty();
        if (fresh) {
            directory.addAgency(Optional.empty(), "BENCH", "Bench", "NL", AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
            directory.addUser(Optional.empty(), "bench", "BENCH", Set.of(Role.ANALYST));
            takedown.banks().createBank("BENCH_BANK", "bench", false, OptionalInt.empty(), OptionalInt.empty(), "bench");
        }
        long bankId = takedown.banks().bank("BENCH_BANK").id();
        int present = takedown.banks().activeCounts().getOrDefault("BENCH_BANK", 0);
        String now = Timestamps.format(Instant.now());
        int batch = 50_000;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            long[][] words = new long[to - from][];
            for (int i = 0; i < words.length; i++) {
                words[i] = new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
                int index = from + i;
                if (index < banked.length) {
                    banked[index] = words[i];
                } else if (random.nextInt(100) == 0) {
                    banked[random.nextInt(banked.length)] = words[i];
                }
            }
            if (to <= present) {
                continue; // written by an earlier run on this data directory
            }
            int start = from;
            takedown.database().inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_entry (bank_id, "
                        + "signal_type, signal_value, quality, source_ref, added_by, added_at) VALUES (?, 'pdq', ?, 100, ?, "
                        + "'bench', ?)")) {
                    for (int i = 0; i < words.length; i++) {
                        insert.setLong(1, bankId);
                        insert.setString(2, PdqHash.ofWords(words[i]).toHex());
                        insert.setString(3, "bench-" + (start + i));
                        insert.setString(4, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        }
        return new io.takedown.server.accounts.Accounts(takedown.database(), directory, takedown.audit(),
                takedown.clock(), io.takedown.server.accounts.PasswordHasher.DEFAULT)
                .issueTokenAsOperator("bench", "bench").secret();
    }
}
