package io.takedown.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Banks at hash-sharing scale, the way an operator meets them: the {@code takedown} command itself, as separate
 * processes, importing a bank of n random PDQ hashes ({@code bank import --format hex}) and then matching one
 * image against it ({@code match FILE}), on SQLite and on PostgreSQL; the same commands of an older build (the
 * code before persistent indexes, by default) run on the same files in the same run, and optionally a second
 * anchor ({@code --base-jar}: a later build to compare the current one with, e.g. the main it branched from). Wall time and peak RSS
 * come from {@code /usr/bin/time}; "beyond hashing" subtracts the median of {@code takedown hash FILE}.
 *
 * <pre>
 * java ... io.takedown.bench.BankBench --new-jar takedown-cli.jar [--old-jar old/takedown-cli.jar]
 *     [--n 2100000 --n 10000000] [--old-max 2100000] [--old-stores sqlite,postgresql] [--postgres JDBC-URL]
 *     [--base-jar base/takedown-cli.jar --base-name REF --base-max 2100000]
 *     [--runs 3] [--out DIR]
 * </pre>
 *
 * The PostgreSQL schema is wiped before each import: give it one of its own (a database, or
 * {@code &currentSchema=bench} in the URL).
 */
public final class BankBench {

    /** The launcher's ({@code ./takedown}) JVM options, so the figures are those of the command users run. */
    private static final List<String> JVM = List.of("--sun-misc-unsafe-memory-access=allow", "-XX:+UseParallelGC",
            "-XX:MaxNewSize=256m", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");

    private BankBench() {
    }

    /**
     * One process run: wall seconds, peak resident set in MiB, exit code, output, and CPU seconds (user + system;
     * on a shared machine the wall time also holds the waits for a core, the CPU time does not).
     */
    record Run(double seconds, double rssMib, int exit, String output, double cpu) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        Path newJar = null;
        Path oldJar = null;
        Path baseJar = null;
        String baseName = "base";
        int oldMax = 2_100_000;
        int baseMax = 2_100_000;
        List<String> oldStores = List.of("sqlite");
        String postgres = null;
        int runs = 3;
        Path out = Path.of("bench-out/banks");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> sizes.add(Integer.parseInt(args[++i]));
                case "--new-jar" -> newJar = Path.of(args[++i]);
                case "--old-jar" -> oldJar = Path.of(args[++i]);
                case "--old-max" -> oldMax = Integer.parseInt(args[++i]);
                case "--base-jar" -> baseJar = Path.of(args[++i]);
                case "--base-name" -> baseName = args[++i];
                case "--base-max" -> baseMax = Integer.parseInt(args[++i]);
                case "--old-stores" -> oldStores = List.of(args[++i].split(","));
                case "--postgres" -> postgres = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (newJar == null) {
            throw new IllegalArgumentException("--new-jar is required");
        }
        if (sizes.isEmpty()) {
            sizes.add(2_100_000);
        }
        Files.createDirectories(out);
        Path image = out.resolve("query.png");
        writeImage(image);
        Path jar = newJar;
        Path hashHome = out.resolve("home-hash");
        Run hashRun = median(runs, () -> run(jar, hashHome, null, "hash", image.toString(),
                "--signals", "pdq", "--format", "csv", "--no-progress"));
        String pdq = pdqOf(hashRun.output());
        System.err.printf(Locale.ROOT, "query image PDQ %s, hashing it takes %.2f s (%.2f s CPU)%n", pdq,
                hashRun.seconds(), hashRun.cpu());

        BenchTable table = new BenchTable("n", "Store", "Build", "Import (s)", "Import CPU (s)", "Import rows/s",
                "Import RSS (MiB)", "match FILE (s)", "beyond hashing (s)", "beyond hashing, CPU (s)", "match RSS (MiB)",
                "Index open (s)", "Matches");
        for (int n : sizes) {
            Path hex = out.resolve("bank-" + n + ".hex");
            writeBank(hex, n, pdq);
            List<String> stores = new ArrayList<>(List.of("sqlite"));
            if (postgres != null) {
                stores.add("postgresql");
            }
            for (String store : stores) {
                measure(table, "Takedown (persistent index)", newJar, n, store, postgres, hex, image, runs, hashRun, out,
                        true, "new");
                if (baseJar != null && n <= baseMax) {
                    measure(table, "persistent index, at " + baseName, baseJar, n, store, postgres, hex,
                            image, runs, hashRun, out, true, "base");
                }
                if (oldJar != null && n <= oldMax && oldStores.contains(store)) {
                    measure(table, "before (rebuild per call)", oldJar, n, store, postgres, hex, image, runs, hashRun,
                            out, false, "old");
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nBanks of random PDQ hashes (hex), one image matched; %d cores, Java %s; "
                + "hash FILE alone %.2f s%n%n", Runtime.getRuntime().availableProcessors(), Runtime.version(),
                hashRun.seconds());
        System.out.print(table.markdown());
    }

    private static void measure(BenchTable table, String build, Path jar, int n, String store, String postgres, Path hex,
                                Path image, int runs, Run hash, Path out, boolean hasIndexCommand, String tag)
            throws Exception {
        Path home = out.resolve("home-" + tag + "-" + store + "-" + n);
        deleteTree(home);
        String database = store.equals("postgresql") ? postgres : null;
        if (database != null) {
            wipe(database);
        }
        check(run(jar, home, database, "bank", "create", "big"));
        System.err.printf(Locale.ROOT, "%s, %s, n=%,d: importing...%n", build, store, n);
        Run imported = run(jar, home, database, "bank", "import", "big", hex.toString(), "--format", "hex",
                "--signal", "pdq");
        check(imported);
        System.err.printf(Locale.ROOT, "  import %.1f s (%.1f s CPU), %.0f MiB; matching...%n", imported.seconds(),
                imported.cpu(), imported.rssMib());
        Run match = median(runs, () -> run(jar, home, database, "match", image.toString(), "--format", "csv",
                "--no-progress"));
        long matches = match.output().lines().filter(line -> line.contains(",match,")).count();
        String open = "–";
        if (hasIndexCommand) {
            Run index = median(runs, () -> run(jar, home, database, "bank", "index", "--format", "csv"));
            open = BenchTable.fmt(index.seconds(), 2);
        }
        table.row(String.format(Locale.ROOT, "%,d", n), store, build, BenchTable.fmt(imported.seconds(), 1),
                BenchTable.fmt(imported.cpu(), 1), BenchTable.fmt(n / imported.seconds(), 0),
                BenchTable.fmt(imported.rssMib(), 0), BenchTable.fmt(match.seconds(), 2),
                BenchTable.fmt(match.seconds() - hash.seconds(), 2), BenchTable.fmt(match.cpu() - hash.cpu(), 2),
                BenchTable.fmt(match.rssMib(), 0), open, matches);
        if (database != null) {
            wipe(database);
        }
        deleteTree(home);
    }

    @FunctionalInterface
    private interface Measured {
        Run get() throws Exception;
    }

    /** The run with the median wall time of {@code runs} runs. */
    private static Run median(int runs, Measured measured) throws Exception {
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(measured.get());
        }
        all.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
        return all.get(all.size() / 2);
    }

    private static Run run(Path jar, Path home, String database, String... command) throws IOException,
            InterruptedException {
        List<String> line = new ArrayList<>(List.of("/usr/bin/time", "-f", "BENCH-TIME %e %M %U %S",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(JVM);
        line.addAll(List.of("-jar", jar.toString(), "--home", home.toString()));
        if (database != null) {
            line.addAll(List.of("--database", database));
        }
        line.addAll(Arrays.asList(command));
        Path log = Files.createTempFile("bank-bench", ".out");
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.HOURS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        String timing = output.lines().filter(l -> l.startsWith("BENCH-TIME ")).reduce((a, b) -> b).orElseThrow(
                () -> new IllegalStateException("no timing in: " + output));
        String[] parts = timing.split(" ");
        return new Run(Double.parseDouble(parts[1]), Long.parseLong(parts[2]) / 1024.0, process.exitValue(), output,
                Double.parseDouble(parts[3]) + Double.parseDouble(parts[4]));
    }

    /** The pdq column of {@code hash --format csv} output (other lines, e.g. JVM warnings, are skipped). */
    private static String pdqOf(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("path,")) {
                int column = Arrays.asList(lines.get(i).split(",")).indexOf("pdq");
                return lines.get(i + 1).split(",")[column];
            }
        }
        throw new IllegalStateException("no hash output in:\n" + output);
    }

    private static void check(Run run) {
        if (run.exit() != 0) {
            throw new IllegalStateException("command failed (exit " + run.exit() + "):\n" + run.output());
        }
    }

    /** n random PDQ hashes, with the query image's own hash at a random place (so one match is expected). */
    private static void writeBank(Path file, int n, String queryHash) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        SplittableRandom random = new SplittableRandom(n);
        int at = random.nextInt(n);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.US_ASCII)) {
            char[] hex = new char[64];
            for (int i = 0; i < n; i++) {
                if (i == at) {
                    out.write(queryHash);
                } else {
                    for (int c = 0; c < 64; c++) {
                        hex[c] = Character.forDigit(random.nextInt(16), 16);
                    }
                    out.write(hex);
                }
                out.write('\n');
            }
        }
        Files.move(partial, file);
    }

    /** A deterministic picture with structure (PDQ quality well above 50). */
    private static void writeImage(Path file) throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(640), random.nextInt(480), 20 + random.nextInt(200), 20 + random.nextInt(200));
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Empties the URL's schema ({@code currentSchema=...}, else public), so a bench schema can sit beside tests'. */
    private static void wipe(String url) throws SQLException {
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("[?&]currentSchema=([A-Za-z_][A-Za-z0-9_]*)")
                .matcher(url);
        String schema = named.find() ? named.group(1) : "public";
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
