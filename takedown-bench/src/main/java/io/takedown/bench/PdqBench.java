package io.takedown.bench;

import io.takedown.signals.SignalRegistry;
import io.takedown.signals.hashing.FileHasher;
import io.takedown.signals.hashing.FolderHashing;
import io.takedown.signals.hashing.FolderWalk;
import io.takedown.signals.hashing.HashTarget;
import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.media.ImageDecodingException;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PDQ speed against the C++ reference, on the same folder in one run.
 *
 * <pre>
 * java -cp ... io.takedown.bench.PdqBench FOLDER [--reference PATH-TO-benchmark-photo-hasher] [--seconds N]
 * </pre>
 *
 * <p>"Hash" is what the reference's benchmark times as hashing: from an image already decoded and, when
 * larger than 512 on a side, already resized to 512 x 512, to the hash (luma, filter, DCT, threshold).
 * "Decode + hash" is a whole file to a hash, per thread and with every core.
 */
public final class PdqBench {

    private PdqBench() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = null;
        Path reference = null;
        double seconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reference" -> reference = Path.of(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> folder = Path.of(args[i]);
            }
        }
        if (folder == null) {
            System.err.println("usage: PdqBench FOLDER [--reference benchmark-photo-hasher] [--seconds N]");
            System.exit(2);
        }
        List<HashTarget> targets = FolderWalk.expand(List.of(folder));
        ImageDecoder decoder = new ImageDecoder();
        List<DecodedImage> images = new ArrayList<>();
        long decodeStart = System.nanoTime();
        for (HashTarget target : targets) {
            try {
                images.add(decoder.decode(target.file()));
            } catch (ImageDecodingException e) {
                System.err.println("skipped: " + e.getMessage());
            }
        }
        double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
        // The reference resizes before it starts its hash clock; give both sides the same input.
        List<DecodedImage> reduced = images.stream().map(PdqImageHashing::asReferenceResizes).toList();
        int cores = Runtime.getRuntime().availableProcessors();
        System.err.printf("%d images, %d cores; warming up%n", images.size(), cores);

        PdqImageHashing hashing = new PdqImageHashing();
        runFor(hashing, reduced, seconds / 2); // JIT warm-up
        // Five rounds, median reported: single rounds vary with JIT decisions by up to 1.5x here.
        List<Measured> rounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            rounds.add(runFor(hashing, reduced, seconds / 5));
        }
        rounds.sort(java.util.Comparator.comparingDouble(Measured::perSecond));
        Measured hash = rounds.get(2);
        System.err.printf("hash rounds (hashes/s): %s%n", rounds.stream().map(m -> String.format("%.0f", m.perSecond())).toList());

        ImageDecoder pureJava = ImageDecoder.pureJava(decoder.limits());
        Measured endToEndOne = decodeAndHash(targets, decoder, 1, seconds);
        Measured endToEndAll = decodeAndHash(targets, decoder, cores, seconds);
        Measured javaOnlyOne = decodeAndHash(targets, pureJava, 1, seconds);

        Optional<double[]> cpp = reference == null ? Optional.empty()
                : Optional.of(runReference(reference, folder, images.size()));

        BenchTable table = new BenchTable("Measure", "Takedown (Java)", "C++ reference", "Ratio");
        double javaHashRate = hash.perSecond();
        table.row("PDQ hash of a decoded image, 1 thread (hashes/s)", BenchTable.fmt(javaHashRate, 0),
                cpp.map(c -> BenchTable.fmt(c[0], 0)).orElse("not run"),
                cpp.map(c -> BenchTable.fmt(javaHashRate / c[0], 2) + "×").orElse("-"));
        table.row("  time per hash (ms)", BenchTable.fmt(1000 / javaHashRate, 3),
                cpp.map(c -> BenchTable.fmt(1000 / c[0], 3)).orElse("-"), "");
        table.row("Decode + hash, 1 thread (files/s)", BenchTable.fmt(endToEndOne.perSecond(), 1),
                cpp.map(c -> BenchTable.fmt(1 / (1 / c[0] + 1 / c[1]), 1)).orElse("not run"),
                cpp.map(c -> BenchTable.fmt(endToEndOne.perSecond() * (1 / c[0] + 1 / c[1]), 2) + "×").orElse("-"));
        table.row("  with the pure-Java decoders only, 1 thread (files/s)", BenchTable.fmt(javaOnlyOne.perSecond(), 1),
                "", BenchTable.fmt(endToEndOne.perSecond() / javaOnlyOne.perSecond(), 2) + "× faster with native");
        table.row("Decode + hash, " + cores + " threads (files/s)", BenchTable.fmt(endToEndAll.perSecond(), 1),
                "single-threaded tool", BenchTable.fmt(endToEndAll.perSecond() / endToEndOne.perSecond(), 2)
                        + "× Java 1 thread");
        table.row("First decode of the folder, 1 thread (files/s)", BenchTable.fmt(images.size() / decodeSeconds, 1),
                cpp.map(c -> BenchTable.fmt(c[1], 1) + " (ImageMagick via CImg)").orElse("-"), "");
        System.out.println();
        System.out.printf("Folder: %s (%d images); Java %s; %d cores; native decoders: %s%n%n", folder,
                images.size(), Runtime.version(), cores, decoder.nativeLibraries().isEmpty()
                        ? "none (" + String.join("; ", io.takedown.signals.media.NativeCodecs.installed().unavailable()) + ")"
                        : String.join(", ", decoder.nativeLibraries()));
        System.out.print(table.markdown());
    }

    record Measured(long operations, double seconds) {
        double perSecond() {
            return operations / seconds;
        }
    }

    private static Measured runFor(PdqImageHashing hashing, List<DecodedImage> images, double seconds) {
        long operations = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int sink = 0;
        while (System.nanoTime() < deadline) {
            for (DecodedImage image : images) {
                PdqResult result = hashing.hash(image);
                sink += result.quality();
                operations++;
            }
        }
        if (sink == 42) {
            System.err.print("");
        }
        return new Measured(operations, (System.nanoTime() - start) / 1e9);
    }

    private static Measured decodeAndHash(List<HashTarget> targets, ImageDecoder decoder, int threads, double seconds) {
        FileHasher hasher = new FileHasher(List.of(SignalRegistry.discover().get("pdq")), decoder,
                text -> Optional.empty());
        FolderHashing folderHashing = new FolderHashing(hasher, threads);
        AtomicInteger files = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        do {
            folderHashing.hashAll(targets, result -> files.incrementAndGet());
        } while (System.nanoTime() < deadline);
        return new Measured(files.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Runs the reference's own benchmark tool; returns {hashes per second, reads per second}. */
    private static double[] runReference(Path binary, Path folder, int images) throws IOException, InterruptedException {
        int count = Math.max(images, 1) * 20;
        Process process = new ProcessBuilder(binary.toString(), "-n", Integer.toString(count), folder.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> output.append(line).append('\n'));
        }
        process.waitFor();
        double hashed = extract(output, "PHOTOS HASHED PER SECOND:");
        double read = extract(output, "PHOTOS READ PER SECOND:");
        System.err.println(output.toString().lines().filter(l -> l.contains("COUNT") || l.contains("SECOND"))
                .reduce("C++ reference:", (a, b) -> a + "\n  " + b));
        return new double[] {hashed, read};
    }

    private static double extract(CharSequence output, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + "\\s*([0-9.]+)").matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("reference output lacks '" + label + "':\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
