package io.takedown.bench;

import io.takedown.index.pdq.PdqIndex;
import io.takedown.index.pdq.PdqIndexSnapshot;
import io.takedown.index.pdq.PdqMatch;
import io.takedown.signals.pdq.PdqHash;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PDQ range index against FAISS on the same synthetic data, in one run.
 *
 * <pre>
 * java ... io.takedown.bench.PdqIndexBench --n 10000000 --q 1000 [--radius 31] [--faiss path/to/faiss_pdq_bench.py]
 * </pre>
 *
 * Data: n random 256-bit hashes of which 1% are near-duplicates (0-31 bits flipped) of other entries, so
 * clusters exist; q queries, half near-duplicates (0-31 bits flipped) of indexed hashes, half random. The
 * same hashes are written as hex files for the FAISS script ({@code ../shared/anchors}).
 */
public final class PdqIndexBench {

    private PdqIndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = 1_000_000;
        int q = 1000;
        int radius = 31;
        long seed = 7;
        Path faiss = null;
        Path out = Path.of("bench-out/pdq-index");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--q" -> q = Integer.parseInt(args[++i]);
                case "--radius" -> radius = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--faiss" -> faiss = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        SplittableRandom random = new SplittableRandom(seed);
        long[] words = new long[n * 4];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            if (i > 0 && random.nextInt(100) == 0) {
                int of = random.nextInt(i);
                System.arraycopy(words, of * 4, words, i * 4, 4);
                flip(words, i * 4, random.nextInt(32), random);
            } else {
                for (int w = 0; w < 4; w++) {
                    words[i * 4 + w] = random.nextLong();
                }
            }
        }
        long[] queries = new long[q * 4];
        for (int j = 0; j < q; j++) {
            if (j < q / 2) {
                System.arraycopy(words, random.nextInt(n) * 4, queries, j * 4, 4);
                flip(queries, j * 4, random.nextInt(32), random);
            } else {
                for (int w = 0; w < 4; w++) {
                    queries[j * 4 + w] = random.nextLong();
                }
            }
        }
        Path indexHex = out.resolve("index-" + n + ".hex");
        Path queryHex = out.resolve("queries-" + n + ".hex");
        if (faiss != null) {
            writeHex(indexHex, words, n);
            writeHex(queryHex, queries, q);
        }

        System.gc();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        PdqIndex index = PdqIndex.of(words.clone(), ids, n);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        words = null; // the index keeps its own copy; measure only what it holds
        System.gc();
        long heapAfter = usedHeap();
        double bytesPerHash = (double) index.bytes() / n;
        double heapPerHash = (double) (heapAfter - heapBefore) / n;

        PdqHash[] queryHashes = new PdqHash[q];
        for (int j = 0; j < q; j++) {
            queryHashes[j] = new PdqHash(queries[j * 4], queries[j * 4 + 1], queries[j * 4 + 2], queries[j * 4 + 3]);
        }
        runQueries(index, queryHashes, radius, 1); // warm-up
        double[] one = runQueries(index, queryHashes, radius, 1);
        int cores = Runtime.getRuntime().availableProcessors();
        double[] all = runQueries(index, queryHashes, radius, cores);

        Path snapshot = out.resolve("pdq-" + n + ".idx");
        start = System.nanoTime();
        PdqIndexSnapshot.write(index, snapshot);
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        index = null;
        System.gc();
        start = System.nanoTime();
        PdqIndex loaded = PdqIndexSnapshot.read(snapshot);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        double[] reloaded = runQueries(loaded, queryHashes, radius, 1);
        Files.deleteIfExists(snapshot);

        List<String[]> faissRows = faiss == null ? List.of() : runFaiss(faiss, indexHex, queryHex, radius, n);

        System.out.printf(Locale.ROOT, "%nn=%,d hashes, %,d queries (half near-duplicates), radius %d, %d cores, Java %s%n%n",
                n, q, radius, cores, Runtime.version());
        BenchTable table = new BenchTable("Index", "Build (s)", "Queries/s, 1 thread", "Queries/s, all threads",
                "Bytes per hash", "Matches");
        table.row("Takedown PdqIndex", BenchTable.fmt(buildSeconds, 2), BenchTable.fmt(one[0], 0),
                BenchTable.fmt(all[0], 0) + " (" + cores + " threads)",
                BenchTable.fmt(bytesPerHash, 1) + " (heap Δ " + BenchTable.fmt(heapPerHash, 1) + ")",
                String.format(Locale.ROOT, "%,d", (long) one[1]));
        for (String[] row : faissRows) {
            table.row(row);
        }
        System.out.print(table.markdown());
        System.out.printf(Locale.ROOT, "%nSnapshot: write %.2f s, load (with table rebuild) %.2f s, %,d bytes; "
                + "queries after reload %.0f/s with %,d matches%n", writeSeconds, loadSeconds, 12L + 36L * n + 8,
                reloaded[0], (long) reloaded[1]);
        if (faissRows.size() > 0) {
            double faissMih = Double.parseDouble(faissRows.getLast()[2].replace(",", ""));
            System.out.printf(Locale.ROOT, "Ratio to FAISS MIH, 1 thread: %.1f×%n", one[0] / faissMih);
        }
    }

    private static void flip(long[] words, int base, int bits, SplittableRandom random) {
        long[] flipped = new long[4];
        int done = 0;
        while (done < bits) {
            int bit = random.nextInt(256);
            if ((flipped[bit >>> 6] & (1L << bit)) == 0) {
                flipped[bit >>> 6] |= 1L << bit;
                words[base + (bit >>> 6)] ^= 1L << bit;
                done++;
            }
        }
    }

    /** {queries per second, total matches}. */
    private static double[] runQueries(PdqIndex index, PdqHash[] queries, int radius, int threads) throws Exception {
        AtomicLong matches = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t;
            futures.add(pool.submit(() -> {
                for (int j = from; j < queries.length; j += threads) {
                    List<PdqMatch> found = index.search(queries[j], radius);
                    matches.addAndGet(found.size());
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new double[] {queries.length / seconds, matches.get()};
    }

    private static void writeHex(Path file, long[] words, int count) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < count; i++) {
                // Byte order as FAISS reads the hex: the hash's canonical text (w3..w0 big-endian words).
                writer.write(new PdqHash(words[i * 4], words[i * 4 + 1], words[i * 4 + 2], words[i * 4 + 3]).toHex());
                writer.newLine();
            }
        }
    }

    private static List<String[]> runFaiss(Path script, Path indexHex, Path queryHex, int radius, int n)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--index",
                indexHex.toString(), "--queries", queryHex.toString(), "--radius", Integer.toString(radius),
                "--threads", "1"));
        if (n > 2_000_000) {
            command.add("--skip-flat"); // exact flat scan at 10M takes minutes; its rate scales as 1/n
        }
        System.err.println("running FAISS: " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String[]> rows = new ArrayList<>();
        long peakKb = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.err.println("  faiss: " + line);
                if (line.contains("build_s=")) {
                    String name = line.substring(0, line.indexOf("build_s=")).trim();
                    String build = value(line, "build_s=");
                    String qps = value(line, "queries_per_s=");
                    String found = value(line, "matches=");
                    rows.add(new String[] {"FAISS " + name, build, BenchTable.fmt(Double.parseDouble(qps), 1),
                        "-", "-", String.format(Locale.ROOT, "%,d", Long.parseLong(found))});
                }
            }
        }
        process.waitFor();
        return rows;
    }

    private static String value(String line, String key) {
        int at = line.indexOf(key) + key.length();
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        int end = line.indexOf(' ', at);
        return (end < 0 ? line.substring(at) : line.substring(at, end)).trim();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
