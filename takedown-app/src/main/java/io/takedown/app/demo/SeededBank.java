package io.takedown.app.demo;

import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.banks.RobustEntries;
import io.takedown.banks.Variant;
import io.takedown.core.Hex;
import io.takedown.range.Article;
import io.takedown.range.World;
import io.takedown.signals.Signal;
import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.Dihedral;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.robust.RobustHashing;
import io.takedown.signals.text.TextSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The seeded bank: what a hash-sharing partner would hand the referral units before the operation, the
 * outlets' original images (MD5, PDQ and PDQ's seven rotated and flipped variants, so a mirrored re-upload
 * matches without query-side work) and their article texts (MinHash). Read from the range's export on disk;
 * each entry's source reference is the original's URL, which is how detection is scored later.
 */
final class SeededBank {

    private final World world;
    private final Path rangeDirectory;
    private final DemoListener listener;

    SeededBank(World world, Path rangeDirectory, DemoListener listener) {
        this.world = world;
        this.rangeDirectory = rangeDirectory;
        this.listener = listener;
    }

    static String name(World world) {
        return "demo-" + world.seed() + "-" + world.size().name();
    }

    DemoAct.Bank load(BankStore store, String actor) {
        String bank = name(world);
        store.createBank(bank, "originals of the synthetic outlets, as a hash-sharing partner supplied them (demo)",
                false, OptionalInt.empty(), OptionalInt.empty(), actor);
        List<Article> articles = world.articles().toList();
        listener.begin("Banking originals", articles.size());
        ThreadLocal<PdqImageHashing> pdq = ThreadLocal.withInitial(PdqImageHashing::new);
        ThreadLocal<RobustHashing> robust = ThreadLocal.withInitial(RobustHashing::new);
        ImageDecoder decoder = new ImageDecoder();
        TextSignal text = new TextSignal();
        // Decoding and hashing are independent per image: all cores take part.
        List<List<NewEntry>> perArticle = articles.parallelStream().map(article -> {
            List<NewEntry> entries = new ArrayList<>();
            Set<String> labels = Set.of("entity:" + article.outlet().id(), "behaviour:propaganda",
                    "language:" + article.language());
            byte[] png = read(rangeDirectory.resolve("sites").resolve(article.domain()).resolve("media")
                    .resolve(article.number() + ".png"));
            entries.add(NewEntry.of(Signal.of("md5", Hex.encode(md5(png))), labels, article.imageUrl()));
            DecodedImage image = decoder.decode(png, article.imageUrl());
            Map<Dihedral, PdqResult> hashes = pdq.get().hashDihedral(image);
            hashes.forEach((transform, result) -> {
                NewEntry entry = NewEntry.of(new Signal("pdq", result.hash().toHex(), OptionalInt.of(result.quality())),
                        labels, article.imageUrl());
                entries.add(transform == Dihedral.ORIGINAL ? entry
                        : entry.withVariant(new Variant(transform.label(), OptionalLong.empty())));
                if (transform == Dihedral.ORIGINAL) {
                    // The bank holds the media, so it also stores the robust variants (pixel orientations,
                    // unframed, middle, panels): mirrored, framed and cropped copies match at no query cost.
                    entries.addAll(RobustEntries.of(entry, robust.get().bankVariants(image)));
                }
            });
            entries.add(NewEntry.of(text.hash(article.text()), labels, article.url()));
            synchronized (listener) {
                listener.step();
            }
            return entries;
        }).toList();
        listener.end();
        List<NewEntry> all = perArticle.stream().flatMap(List::stream).toList();
        int added = store.add(bank, all, actor).added().size();
        int variants = (int) all.stream().filter(e -> e.variant().isPresent()).count();
        return new DemoAct.Bank(bank, articles.size(), added, variants);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the range's export: " + file, e);
        }
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
