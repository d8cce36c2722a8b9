package io.takedown.cli;

import io.takedown.app.Takedown;
import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.Matcher;
import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.range.Article;
import io.takedown.range.Copy;
import io.takedown.range.RangeExporter;
import io.takedown.range.RangeSize;
import io.takedown.range.Transform;
import io.takedown.range.World;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.hashing.FileHasher;
import io.takedown.signals.hashing.FileHashes;
import io.takedown.signals.hashing.FolderHashing;
import io.takedown.signals.hashing.HashTarget;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.text.TextSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code takedown demo}: the main job end to end on the embedded store, on a synthetic range. Generates
 * the world, banks the outlets' original images and texts, matches every mirror copy against the banks and
 * scores detection against the ground truth, then sends a notice to every provider and follows what each
 * one does in range time.
 */
@Command(name = "demo", description = {
    "Run the main job end to end on a synthetic range.",
    "Banks the fictional outlets' originals, finds their mirror copies (re-encoded, resized, cropped,",
    "watermarked, flipped...), scores detection against the ground truth, and sends removal orders to",
    "the simulated providers. Uses the embedded store in the data directory."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TakedownCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Range seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--size", defaultValue = "small", description = "small or medium (default ${DEFAULT-VALUE}).")
    String size;
    @Option(names = "--no-progress")
    boolean noProgress;

    /** Detection tally for one kind of alteration. */
    static final class Tally {
        int copies;
        int found;
        int foundByDihedral;
        int wrong;
        long distanceSum;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        World world = World.generate(seed, RangeSize.parse(size));
        Path dir = root.home().resolve("demo").resolve("range-" + seed + "-" + world.size().name());
        out.printf("Takedown demo on a synthetic range (seed %d, %s): %d fictional outlets, %d articles, %d items.%n",
                seed, world.size().name(), world.outlets().size(), world.size().articles(), world.size().items());
        out.printf("Everything below is generated; nothing is real content. Data directory: %s%n%n", root.home().root());
        out.flush();
        try (Progress progress = Progress.start("Generating range", world.size().articles(), !noProgress)) {
            new RangeExporter(world).export(dir, n -> progress.step());
        }

        try (Takedown workspace = root.workspace()) {
            BankStore store = workspace.banks();
            String bank = "demo-" + seed + "-" + world.size().name();
            if (store.banks().stream().noneMatch(b -> b.name().equals(bank))) {
                store.createBank(bank, "originals of the synthetic outlets (demo)", false, OptionalInt.empty(),
                        OptionalInt.empty(), root.actor());
            }
            int banked = bankOriginals(world, dir, store, bank);
            out.printf("1. Banked %d signals of the outlets' originals in bank %s.%n", banked, bank);
            Matcher matcher = workspace.matcher(MatchSettings.DEFAULTS);
            Map<Transform, Tally> images = matchImageCopies(world, dir, matcher, bank);
            Tally texts = matchTextCopies(world, matcher, bank);
            out.println("2. Matched every mirror copy against all banks (PDQ radius 31, dihedral variants for flips):");
            out.flush();
            try (RowWriter table = OutputFormat.TABLE.open(out, List.of("alteration", "copies", "found", "recall",
                    "via dihedral", "wrong original", "mean distance"))) {
                Tally all = new Tally();
                for (Map.Entry<Transform, Tally> entry : images.entrySet()) {
                    Tally t = entry.getValue();
                    table.row(row(entry.getKey().description(), t));
                    all.copies += t.copies;
                    all.found += t.found;
                    all.foundByDihedral += t.foundByDihedral;
                    all.wrong += t.wrong;
                    all.distanceSum += t.distanceSum;
                }
                table.row(row("all image copies", all));
                table.row(row("edited text copies (MinHash)", texts));
            }
            out.println();
            out.println("3. Removal orders for one item on each of the outlets' domains, drafted, approved, signed and sent");
            out.println("   to the simulated hosts after the 12-hour prior notice; their reactions in range time:");
            out.flush();
            new DemoOrders(world, workspace, out).run();
        }
        out.printf("%nRange files and ground truth: %s (world.json, items.jsonl).%n", dir);
        out.flush();
        return ExitCodes.OK;
    }

    private static List<Object> row(String what, Tally t) {
        return Arrays.asList(what, t.copies, t.found, String.format("%.1f %%", 100.0 * t.found / Math.max(1, t.copies)),
                t.foundByDihedral, t.wrong, String.format("%.1f", (double) t.distanceSum / Math.max(1, t.found)));
    }

    private int bankOriginals(World world, Path dir, BankStore store, String bank) {
        List<HashTarget> targets = new ArrayList<>();
        Map<String, Article> byPath = new HashMap<>();
        world.articles().forEach(article -> {
            Path file = dir.resolve("sites").resolve(article.domain()).resolve("media").resolve(article.number() + ".png");
            targets.add(HashTarget.of(file));
            byPath.put(file.toString(), article);
        });
        FileHasher hasher = imageHasher();
        List<NewEntry> entries = new ArrayList<>();
        TextSignal text = new TextSignal();
        try (Progress progress = Progress.start("Banking originals", targets.size(), !noProgress)) {
            new FolderHashing(hasher, Runtime.getRuntime().availableProcessors()).hashAll(targets, result -> {
                Article article = byPath.get(result.path());
                Set<String> labels = Set.of("entity:" + article.outlet().id(), "behaviour:propaganda",
                        "language:" + article.language());
                for (Signal signal : result.signals().values()) {
                    entries.add(NewEntry.of(signal, labels, article.imageUrl()));
                }
                entries.add(NewEntry.of(text.hash(article.text()), labels, article.url()));
                progress.step();
            });
        }
        return store.add(bank, entries, root.actor()).added().size();
    }

    private Map<Transform, Tally> matchImageCopies(World world, Path dir, Matcher matcher, String bank) {
        Map<Transform, Tally> tallies = new EnumMap<>(Transform.class);
        List<HashTarget> targets = new ArrayList<>();
        Map<String, Copy> byPath = new HashMap<>();
        world.articles().forEach(article -> world.copies(article).stream().filter(Copy::image).forEach(copy -> {
            String file = copy.mediaUrl().substring(copy.mediaUrl().lastIndexOf('/') + 1);
            Path path = dir.resolve("sites").resolve(copy.domain()).resolve("m").resolve(file);
            targets.add(HashTarget.of(path));
            byPath.put(path.toString(), copy);
        }));
        FileHasher hasher = imageHasher();
        ImageDecoder decoder = new ImageDecoder();
        ThreadLocal<PdqImageHashing> dihedral = ThreadLocal.withInitial(PdqImageHashing::new);
        try (Progress progress = Progress.start("Matching copies", targets.size(), !noProgress)) {
            // Hashing, dihedral variants and matching are independent per copy: all cores take part.
            targets.parallelStream().forEach(target -> {
                FileHashes result = hasher.hash(target.file(), target.displayPath());
                Copy copy = byPath.get(result.path());
                List<MatchResult> matches = matcher.match(new MatchQuery(List.copyOf(result.signals().values()),
                        FileSignals.dihedralVariants(result, decoder, dihedral.get()))).stream()
                        .filter(m -> m.entry().bankName().equals(bank)).toList();
                synchronized (tallies) {
                    Tally tally = tallies.computeIfAbsent(copy.transform().orElseThrow(), t -> new Tally());
                    tally.copies++;
                    score(tally, matches, copy.original().imageUrl());
                    progress.step();
                }
            });
        }
        return tallies;
    }

    private Tally matchTextCopies(World world, Matcher matcher, String bank) {
        Tally tally = new Tally();
        TextSignal text = new TextSignal();
        world.articles().parallel().forEach(article -> world.copies(article).stream().filter(c -> !c.image())
                .forEach(copy -> {
                    List<MatchResult> matches = matcher.match(MatchQuery.of(List.of(text.hash(world.edited(copy)))))
                            .stream().filter(m -> m.entry().bankName().equals(bank)).toList();
                    synchronized (tally) {
                        tally.copies++;
                        score(tally, matches, article.url());
                    }
                }));
        return tally;
    }

    private static void score(Tally tally, List<MatchResult> matches, String expectedSource) {
        Optional<MatchResult> right = matches.stream()
                .filter(m -> m.entry().provenance().sourceRef().map(expectedSource::equals).orElse(false)).findFirst();
        if (right.isPresent()) {
            tally.found++;
            tally.distanceSum += right.get().distance();
            if (right.get().transform().isPresent()) {
                tally.foundByDihedral++;
            }
        }
        tally.wrong += (int) matches.stream()
                .filter(m -> !m.entry().provenance().sourceRef().map(expectedSource::equals).orElse(false))
                .map(m -> m.entry().provenance().sourceRef().orElse("")).distinct().count();
    }

    /** MD5 and PDQ of image files: what the demo banks and matches. */
    private static FileHasher imageHasher() {
        SignalRegistry registry = SignalRegistry.discover();
        return new FileHasher(List.of(registry.get("md5"), registry.get("pdq")), new ImageDecoder(),
                text -> Optional.empty());
    }
}
