package io.takedown.app.demo;

import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.Matcher;
import io.takedown.range.Article;
import io.takedown.range.Copy;
import io.takedown.range.Transform;
import io.takedown.range.World;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.hashing.FileHasher;
import io.takedown.signals.hashing.FolderHashing;
import io.takedown.signals.hashing.HashTarget;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.media.ImageDecodingException;
import io.takedown.signals.pdq.Dihedral;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.text.TextSignal;
import io.takedown.app.Takedown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The demo's detection act: banks the outlets' original images and texts (the seeded bank), then hashes
 * every altered mirror copy and matches it against all banks, scoring against the ground truth. What
 * matched becomes the material of the cases.
 */
final class Detection {

    /** Something found online that matched the bank: where it is and who hosts it. */
    record Found(String outlet, String url, String domain, String rangeProvider) {
    }

    /** The act and what it found. */
    record Outcome(DemoAct.Detection act, List<Found> found) {
    }

    private static final class Tally {
        int copies;
        int found;
        int viaDihedral;
        int wrong;
        long distanceSum;

        DemoAct.DetectionRow row(String what) {
            return new DemoAct.DetectionRow(what, copies, found, viaDihedral, wrong,
                    (double) distanceSum / Math.max(1, found));
        }

        void add(Tally other) {
            copies += other.copies;
            found += other.found;
            viaDihedral += other.viaDihedral;
            wrong += other.wrong;
            distanceSum += other.distanceSum;
        }
    }

    private final World world;
    private final Path dir;
    private final Takedown workspace;
    private final DemoListener listener;

    Detection(World world, Path dir, Takedown workspace, DemoListener listener) {
        this.world = world;
        this.dir = dir;
        this.workspace = workspace;
        this.listener = listener;
    }

    Outcome run(String actor) {
        BankStore store = workspace.banks();
        String bank = "demo-" + world.seed() + "-" + world.size().name();
        if (store.banks().stream().noneMatch(b -> b.name().equals(bank))) {
            store.createBank(bank, "originals of the synthetic outlets (demo)", false, OptionalInt.empty(),
                    OptionalInt.empty(), actor);
        }
        int banked = bankOriginals(store, bank, actor);
        Matcher matcher = workspace.matcher(MatchSettings.DEFAULTS);
        List<Found> found = Collections.synchronizedList(new ArrayList<>());
        Map<Transform, Tally> images = matchImageCopies(matcher, bank, found);
        Tally texts = matchTextCopies(matcher, bank, found);
        List<DemoAct.DetectionRow> rows = new ArrayList<>();
        Tally all = new Tally();
        images.forEach((transform, tally) -> {
            rows.add(tally.row(transform.description()));
            all.add(tally);
        });
        rows.add(all.row("all image copies"));
        rows.add(texts.row("edited text copies (MinHash)"));
        world.articles().forEach(a -> found.add(new Found(a.outlet().id(), a.url(), a.domain(), a.provider())));
        List<Found> ordered = new ArrayList<>(found);
        ordered.sort(java.util.Comparator.comparing(Found::outlet).thenComparing(Found::domain).thenComparing(Found::url));
        return new Outcome(new DemoAct.Detection(bank, banked, rows), ordered);
    }

    private int bankOriginals(BankStore store, String bank, String actor) {
        List<HashTarget> targets = new ArrayList<>();
        Map<String, Article> byPath = new HashMap<>();
        world.articles().forEach(article -> {
            Path file = dir.resolve("sites").resolve(article.domain()).resolve("media").resolve(article.number() + ".png");
            targets.add(HashTarget.of(file));
            byPath.put(file.toString(), article);
        });
        List<NewEntry> entries = new ArrayList<>();
        TextSignal text = new TextSignal();
        listener.begin("Banking originals", targets.size());
        new FolderHashing(imageHasher(), Runtime.getRuntime().availableProcessors()).hashAll(targets, result -> {
            Article article = byPath.get(result.path());
            Set<String> labels = Set.of("entity:" + article.outlet().id(), "behaviour:propaganda",
                    "language:" + article.language());
            for (Signal signal : result.signals().values()) {
                entries.add(NewEntry.of(signal, labels, article.imageUrl()));
            }
            entries.add(NewEntry.of(text.hash(article.text()), labels, article.url()));
            listener.step();
        });
        listener.end();
        return store.add(bank, entries, actor).added().size();
    }

    private Map<Transform, Tally> matchImageCopies(Matcher matcher, String bank, List<Found> found) {
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
        listener.begin("Matching copies", targets.size());
        // Hashing, dihedral variants and matching are independent per copy: all cores take part.
        targets.parallelStream().forEach(target -> {
            var result = hasher.hash(target.file(), target.displayPath());
            Copy copy = byPath.get(result.path());
            List<MatchResult> matches = matcher.match(new MatchQuery(List.copyOf(result.signals().values()),
                    dihedralVariants(Path.of(result.path()), result.signals().containsKey("pdq"), decoder,
                            dihedral.get()))).stream().filter(m -> m.entry().bankName().equals(bank)).toList();
            synchronized (tallies) {
                Tally tally = tallies.computeIfAbsent(copy.transform().orElseThrow(), t -> new Tally());
                tally.copies++;
                if (score(tally, matches, copy.original().imageUrl())) {
                    found.add(new Found(copy.original().outlet().id(), copy.url(), copy.domain(), copy.provider()));
                }
                listener.step();
            }
        });
        listener.end();
        return tallies;
    }

    private Tally matchTextCopies(Matcher matcher, String bank, List<Found> found) {
        Tally tally = new Tally();
        TextSignal text = new TextSignal();
        world.articles().parallel().forEach(article -> world.copies(article).stream().filter(c -> !c.image())
                .forEach(copy -> {
                    List<MatchResult> matches = matcher.match(MatchQuery.of(List.of(text.hash(world.edited(copy)))))
                            .stream().filter(m -> m.entry().bankName().equals(bank)).toList();
                    synchronized (tally) {
                        tally.copies++;
                        if (score(tally, matches, article.url())) {
                            found.add(new Found(article.outlet().id(), copy.url(), copy.domain(), copy.provider()));
                        }
                    }
                }));
        return tally;
    }

    /** Counts a copy; true when the right original matched. */
    private static boolean score(Tally tally, List<MatchResult> matches, String expectedSource) {
        Optional<MatchResult> right = matches.stream()
                .filter(m -> m.entry().provenance().sourceRef().map(expectedSource::equals).orElse(false)).findFirst();
        if (right.isPresent()) {
            tally.found++;
            tally.distanceSum += right.get().distance();
            if (right.get().transform().isPresent()) {
                tally.viaDihedral++;
            }
        }
        tally.wrong += (int) matches.stream()
                .filter(m -> !m.entry().provenance().sourceRef().map(expectedSource::equals).orElse(false))
                .map(m -> m.entry().provenance().sourceRef().orElse("")).distinct().count();
        return right.isPresent();
    }

    /** The seven rotated and flipped PDQ hashes of an image, for copies that were mirrored or turned. */
    private static Map<String, PdqHash> dihedralVariants(Path file, boolean hasPdq, ImageDecoder decoder,
                                                         PdqImageHashing hashing) {
        if (!hasPdq) {
            return Map.of();
        }
        try {
            Map<String, PdqHash> variants = new LinkedHashMap<>();
            hashing.hashDihedral(decoder.decode(file)).forEach((transform, result) -> {
                if (transform != Dihedral.ORIGINAL) {
                    variants.put(transform.label(), result.hash());
                }
            });
            return variants;
        } catch (ImageDecodingException e) {
            return Map.of();
        }
    }

    /** MD5 and PDQ of image files: what the demo banks and matches. */
    private static FileHasher imageHasher() {
        SignalRegistry registry = SignalRegistry.discover();
        return new FileHasher(List.of(registry.get("md5"), registry.get("pdq")), new ImageDecoder(),
                text -> Optional.empty());
    }
}
