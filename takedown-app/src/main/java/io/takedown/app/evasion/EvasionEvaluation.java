package io.takedown.app.evasion;

import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.banks.RobustEntries;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.Matcher;
import io.takedown.range.Article;
import io.takedown.range.Copy;
import io.takedown.range.Images;
import io.takedown.range.Transform;
import io.takedown.range.World;
import io.takedown.signals.Signal;
import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.pdq.PdqSignal;
import io.takedown.signals.robust.RobustHashing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Recall per evasion class on a range world. Banks every original's PDQ with its robust variants
 * ({@link RobustEntries}) through the bank store, then renders every altered image copy in memory, hashes
 * it with its query variants and asks the matcher, as the monitor and the server would; a copy counts as
 * found when its own original is among the matches, and as a false match when any other original is.
 * Finally every original is queried like a copy, to count distinct originals that match each other.
 */
public final class EvasionEvaluation {

    /** Hears the phases (banking, matching, cross-checking) and each item done; called from several threads. */
    public interface Listener {
        void begin(String phase, long total);

        void step();

        void end();

        Listener NONE = new Listener() {
            @Override
            public void begin(String phase, long total) {
            }

            @Override
            public void step() {
            }

            @Override
            public void end() {
            }
        };
    }

    private static final String ACTOR = "evasion-evaluation";
    private static final int MATCH_DISTANCE = 31;

    private final ThreadLocal<ImageDecoder> decoders = ThreadLocal.withInitial(ImageDecoder::new);
    private final ThreadLocal<PdqImageHashing> hashing = ThreadLocal.withInitial(PdqImageHashing::new);
    private final ThreadLocal<RobustHashing> robust = ThreadLocal.withInitial(RobustHashing::new);

    /** Evaluates {@code world} on {@code banks} and {@code matcher}, which should be a scratch store's. */
    public EvasionFigures evaluate(World world, BankStore banks, Matcher matcher, Listener listener) {
        long started = System.nanoTime();
        String bank = "evasion-" + world.seed() + "-" + world.size().name();
        banks.createBank(bank, "originals of the synthetic outlets with robust variants (evasion evaluation)", false,
                OptionalInt.empty(), OptionalInt.empty(), ACTOR);
        List<Article> articles = world.articles().toList();
        Map<String, PdqHash> originalHashes = new java.util.concurrent.ConcurrentHashMap<>();
        List<NewEntry> entries = bankOriginals(world, articles, originalHashes, listener);
        banks.addBatch(bank, entries, ACTOR, "evasion evaluation originals");
        matcher.service().refresh();

        Map<Transform, AtomicInteger[]> tallies = new EnumMap<>(Transform.class);
        for (Transform transform : Transform.values()) {
            tallies.put(transform, new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()});
        }
        AtomicLong queryHashes = new AtomicLong();
        AtomicInteger wrong = new AtomicInteger();
        listener.begin("Matching altered copies", articles.size() * (long) world.size().imageCopies());
        articles.parallelStream().forEach(article -> {
            for (Copy copy : world.copies(article)) {
                if (!copy.image()) {
                    continue;
                }
                DecodedImage image = decoders.get().decode(Images.copy(world, copy), copy.id());
                PdqResult own = hashing.get().hash(image);
                Map<String, PdqHash> variants = queryVariants(image);
                queryHashes.addAndGet(1 + variants.size());
                Set<String> matched = sources(matcher, bank, own, variants);
                AtomicInteger[] tally = tallies.get(copy.transform().orElseThrow());
                tally[0].incrementAndGet();
                if (matched.contains(article.imageUrl())) {
                    tally[1].incrementAndGet();
                }
                if (own.hash().hammingDistance(originalHashes.get(article.imageUrl())) <= MATCH_DISTANCE) {
                    tally[2].incrementAndGet();
                }
                if (matched.stream().anyMatch(source -> !source.equals(article.imageUrl()))) {
                    wrong.incrementAndGet();
                }
                listener.step();
            }
        });
        listener.end();

        AtomicInteger originalsMatchingAnother = new AtomicInteger();
        listener.begin("Matching originals against each other", articles.size());
        articles.parallelStream().forEach(article -> {
            DecodedImage image = decoders.get().decode(Images.png(Images.original(world, article)), article.id());
            Set<String> matched = sources(matcher, bank, hashing.get().hash(image), queryVariants(image));
            if (matched.stream().anyMatch(source -> !source.equals(article.imageUrl()))) {
                originalsMatchingAnother.incrementAndGet();
            }
            listener.step();
        });
        listener.end();

        List<EvasionFigures.ClassRecall> classes = new ArrayList<>();
        tallies.forEach((transform, tally) -> {
            if (tally[0].get() > 0) {
                classes.add(new EvasionFigures.ClassRecall(transform, tally[0].get(), tally[1].get(), tally[2].get()));
            }
        });
        return new EvasionFigures(world.seed(), world.size().name(), articles.size(), entries.size(), classes,
                queryHashes.get(), wrong.get(), originalsMatchingAnother.get(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private List<NewEntry> bankOriginals(World world, List<Article> articles, Map<String, PdqHash> originalHashes,
                                         Listener listener) {
        listener.begin("Banking originals with their variants", articles.size());
        List<List<NewEntry>> perArticle = articles.parallelStream().map(article -> {
            DecodedImage image = decoders.get().decode(Images.png(Images.original(world, article)), article.id());
            PdqResult own = hashing.get().hash(image);
            originalHashes.put(article.imageUrl(), own.hash());
            NewEntry entry = NewEntry.of(new Signal(PdqSignal.NAME, own.hash().toHex(), OptionalInt.of(own.quality())),
                    Set.of("entity:" + article.outlet().id()), article.imageUrl());
            List<NewEntry> entries = new ArrayList<>();
            entries.add(entry);
            entries.addAll(RobustEntries.of(entry, robust.get().bankVariants(image)));
            listener.step();
            return entries;
        }).toList();
        listener.end();
        return perArticle.stream().flatMap(List::stream).collect(Collectors.toList());
    }

    private Map<String, PdqHash> queryVariants(DecodedImage image) {
        Map<String, PdqHash> variants = new LinkedHashMap<>();
        robust.get().queryVariants(image).forEach((label, result) -> variants.put(label, result.hash()));
        return variants;
    }

    /** Source references of the bank's entries that the content matched. */
    private static Set<String> sources(Matcher matcher, String bank, PdqResult own, Map<String, PdqHash> variants) {
        Signal signal = new Signal(PdqSignal.NAME, own.hash().toHex(), OptionalInt.of(own.quality()));
        return matcher.match(new MatchQuery(List.of(signal), variants)).stream()
                .filter(m -> m.entry().bankName().equals(bank))
                .map(MatchResult::entry).map(e -> e.provenance().sourceRef())
                .flatMap(Optional::stream).collect(Collectors.toSet());
    }
}
