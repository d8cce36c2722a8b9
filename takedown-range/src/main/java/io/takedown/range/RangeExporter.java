package io.takedown.range;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.core.InOrder;
import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.text.TextSignal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes a world to a folder: every site's files, newsletters, packages, and the ground truth
 * ({@code world.json} for outlets, domains and providers; {@code items.jsonl} for every article and copy
 * with what it is a copy of and how far its PDQ hash lies from the original's). Streams articles one at
 * a time, so the large size never sits in memory.
 */
public final class RangeExporter {

    /** PDQ distance above which a copy lies beyond the conventional match threshold (31 bits). */
    public static final int MATCH_DISTANCE = 31;
    /** Articles per newsletter issue and on index pages and feeds. */
    static final int LATEST = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final World world;
    private final ImageDecoder decoder = new ImageDecoder();
    private final ThreadLocal<PdqImageHashing> hashing = ThreadLocal.withInitial(PdqImageHashing::new);
    private final TextSignal text = new TextSignal();

    /** One article's files and ground-truth lines, rendered off the writing thread. */
    private record Rendered(Article article, List<Copy> copies, Map<Path, byte[]> files, List<String> lines) {
    }

    public RangeExporter(World world) {
        this.world = world;
    }

    /** Exports everything under {@code out}; {@code progress} receives the number of articles done. */
    public void export(Path out, LongConsumer progress) {
        try {
            Files.createDirectories(out);
            writeWorld(out.resolve("world.json"));
            io.takedown.range.infra.InfraExport.write(io.takedown.range.infra.Infrastructure.of(world), out);
            long doneBefore = 0;
            try (BufferedWriter items = Files.newBufferedWriter(out.resolve("items.jsonl"), StandardCharsets.UTF_8)) {
                for (Outlet outlet : world.outlets()) {
                    List<Article> latest = new ArrayList<>();
                    List<String> urls = new ArrayList<>();
                    Map<String, List<String>> mirrorUrls = new java.util.TreeMap<>();
                    long[] done = {doneBefore};
                    java.util.Iterator<Article> articles = java.util.stream.IntStream
                            .range(0, world.size().articlesPerOutlet()).mapToObj(n -> world.article(outlet, n)).iterator();
                    // Rendered ahead on every core, written in article order so the output never varies.
                    InOrder.map(articles, Runtime.getRuntime().availableProcessors(), "takedown-range-export",
                            article -> unchecked(() -> render(out, article)), rendered -> unchecked(() -> {
                                Article article = rendered.article();
                                for (Map.Entry<Path, byte[]> file : rendered.files().entrySet()) {
                                    Files.createDirectories(file.getKey().getParent());
                                    Files.write(file.getKey(), file.getValue());
                                }
                                for (String line : rendered.lines()) {
                                    items.write(line);
                                    items.newLine();
                                }
                                for (Copy copy : rendered.copies()) {
                                    mirrorUrls.computeIfAbsent(copy.domain(), d -> new ArrayList<>()).add(copy.url());
                                }
                                urls.add(article.url());
                                latest.add(article);
                                if (latest.size() > LATEST) {
                                    latest.removeFirst();
                                }
                                int issue = (article.number() + 1) / LATEST;
                                if ((article.number() + 1) % LATEST == 0) {
                                    write(out.resolve("newsletters").resolve(outlet.id()).resolve("issue-" + issue + ".eml"),
                                            Channels.newsletter(outlet, issue, latest));
                                }
                                progress.accept(++done[0]);
                                return null;
                            }));
                    doneBefore = done[0];
                    Path site = out.resolve("sites").resolve(outlet.primaryDomain());
                    List<Article> newestFirst = new ArrayList<>(latest);
                    java.util.Collections.reverse(newestFirst);
                    write(site.resolve("index.html"), Channels.index(outlet, newestFirst));
                    write(site.resolve("feed.xml"), Channels.rss(outlet, newestFirst));
                    write(site.resolve("sitemap.xml"), Channels.sitemap(urls));
                    write(site.resolve("robots.txt"), Channels.robots(outlet.primaryDomain()));
                    for (Map.Entry<String, List<String>> mirror : mirrorUrls.entrySet()) {
                        Path mirrorSite = out.resolve("sites").resolve(mirror.getKey());
                        write(mirrorSite.resolve("sitemap.xml"), Channels.sitemap(mirror.getValue()));
                        write(mirrorSite.resolve("robots.txt"), Channels.robots(mirror.getKey()));
                    }
                    byte[] logo = Channels.logo(outlet);
                    byte[] xpi = Channels.packageArchive(outlet, "xpi", logo, newestFirst);
                    Path packages = out.resolve("packages");
                    Files.createDirectories(packages);
                    Files.write(packages.resolve(outlet.id() + "-extension.xpi"), xpi);
                    Files.write(packages.resolve(outlet.id() + "-extension.crx"), Channels.crx(xpi));
                    Files.write(packages.resolve(outlet.id() + "-app.apk"),
                            Channels.packageArchive(outlet, "apk", logo, newestFirst));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the range to " + out, e);
        }
    }

    private Rendered render(Path out, Article article) throws IOException {
        List<Copy> copies = world.copies(article);
        Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        PdqImageHashing pdq = hashing.get();
        Path site = out.resolve("sites").resolve(article.domain());
        byte[] png = Images.png(Images.original(world, article));
        files.put(site.resolve("media").resolve(article.number() + ".png"), png);
        files.put(site.resolve("articles").resolve(article.number() + ".html"), utf8(Channels.articlePage(article, copies)));
        PdqResult originalHash = pdq.hash(decoder.decode(png, article.id()));
        String originalText = text.hash(article.text()).value();

        ObjectNode row = JSON.createObjectNode();
        row.put("id", article.id()).put("kind", "article").put("outlet", article.outlet().id())
                .put("language", article.language()).put("url", article.url()).put("media_url", article.imageUrl())
                .put("domain", article.domain()).put("provider", article.provider())
                .put("pdq", originalHash.hash().toHex()).put("pdq_quality", originalHash.quality());
        lines.add(JSON.writeValueAsString(row));

        for (Copy copy : copies) {
            Path mirror = out.resolve("sites").resolve(copy.domain());
            ObjectNode copyRow = JSON.createObjectNode();
            copyRow.put("id", copy.id()).put("kind", copy.image() ? "image-copy" : "text-copy")
                    .put("original", article.id()).put("outlet", article.outlet().id()).put("url", copy.url())
                    .put("domain", copy.domain()).put("provider", copy.provider());
            if (copy.image()) {
                byte[] media = Images.copy(world, copy);
                String file = copy.mediaUrl().substring(copy.mediaUrl().lastIndexOf('/') + 1);
                files.put(mirror.resolve("m").resolve(file), media);
                files.put(mirror.resolve("m").resolve(copy.id() + ".html"), utf8(Channels.copyPage(copy, null)));
                DecodedImage decoded = decoder.decode(media, copy.id());
                int distance = pdq.hash(decoded).hash().hammingDistance(originalHash.hash());
                int dihedral = pdq.hashDihedral(decoded).values().stream()
                        .mapToInt(r -> r.hash().hammingDistance(originalHash.hash())).min().orElse(distance);
                Transform transform = copy.transform().get();
                copyRow.put("media_url", copy.mediaUrl()).put("transform", transform.name().toLowerCase())
                        .put("pdq_distance", distance).put("dihedral_distance", dihedral)
                        .put("hard", transform.hard()).put("beyond_threshold", distance > MATCH_DISTANCE);
            } else {
                String edited = world.edited(copy);
                files.put(mirror.resolve("t").resolve(copy.id() + ".html"), utf8(Channels.copyPage(copy, edited)));
                copyRow.put("text_distance", text.distance(originalText, text.hash(edited).value()))
                        .put("hard", false);
            }
            lines.add(JSON.writeValueAsString(copyRow));
        }
        return new Rendered(article, copies, files, lines);
    }

    @FunctionalInterface
    private interface IoWork<T> {
        T run() throws IOException;
    }

    private static <T> T unchecked(IoWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void writeWorld(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("synthetic", true).put("note", Texts.MARK + " Fictional outlets and providers; loopback only.")
                .put("seed", world.seed()).put("size", world.size().name())
                .put("articles", world.size().articles()).put("items", world.size().items());
        ArrayNode outlets = root.putArray("outlets");
        ObjectNode domains = root.putObject("domains");
        for (Outlet outlet : world.outlets()) {
            ObjectNode o = outlets.addObject();
            o.put("id", outlet.id()).put("name", outlet.name()).put("cdn", outlet.cdn())
                    .put("registrar", outlet.registrar()).put("tls_fingerprint", outlet.tlsFingerprint())
                    .put("analytics_id", outlet.analyticsId()).put("newsletter", outlet.newsletterAddress());
            outlet.languages().forEach(o.putArray("languages")::add);
            ArrayNode hosting = o.putArray("domains");
            for (int d = 0; d < outlet.domains().size(); d++) {
                hosting.addObject().put("domain", outlet.domains().get(d)).put("provider", outlet.providers().get(d))
                        .put("role", d == 0 ? "primary" : "mirror");
                domains.put(outlet.domains().get(d), outlet.id());
            }
        }
        ArrayNode providers = root.putArray("providers");
        for (Provider provider : world.providers()) {
            providers.addObject().put("id", provider.id()).put("name", provider.name())
                    .put("country", provider.country()).put("behaviour", provider.behaviour().name().toLowerCase())
                    .put("address", provider.address());
        }
        Files.writeString(file, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
