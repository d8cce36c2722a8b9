package io.takedown.range;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The world for one seed and size. Outlets and providers are built eagerly (they are few); articles and
 * copies are computed from their index on demand, so the same world is the same bytes every time and the
 * large size is streamed.
 */
public final class World {

    private final long seed;
    private final RangeSize size;
    private final List<Provider> providers;
    private final List<Outlet> outlets;
    private final Map<String, Outlet> outletByDomain = new LinkedHashMap<>();

    private World(long seed, RangeSize size) {
        this.seed = seed;
        this.size = size;
        int providerCount = Math.max(5, size.outlets() + 2);
        List<Provider> ps = new ArrayList<>();
        Behaviour[] behaviours = Behaviour.values();
        for (int p = 0; p < providerCount; p++) {
            SplittableRandom random = Seeds.random(seed, "provider-" + p);
            String id = String.format("provider-%02d", p);
            ps.add(new Provider(id, Names.provider(random), Names.country(random), behaviours[p % behaviours.length],
                    "127.0." + (10 + p / 200) + "." + (1 + p % 200)));
        }
        this.providers = List.copyOf(ps);
        List<Outlet> os = new ArrayList<>();
        java.util.Set<String> usedNames = new java.util.HashSet<>();
        for (int o = 0; o < size.outlets(); o++) {
            SplittableRandom random = Seeds.random(seed, "outlet-" + o);
            String name = Names.outlet(random);
            while (!usedNames.add(name)) {
                name = Names.outlet(random);
            }
            String slug = Names.slug(name);
            List<String> languages = new ArrayList<>(Texts.LANGUAGES);
            for (int i = languages.size() - 1; i > 0; i--) {
                java.util.Collections.swap(languages, i, random.nextInt(i + 1));
            }
            languages = List.copyOf(languages.subList(0, 3 + random.nextInt(4)));
            List<String> domains = new ArrayList<>();
            domains.add(slug + ".test");
            int mirrors = 2 + random.nextInt(2);
            for (int m = 1; m <= mirrors; m++) {
                domains.add(slug.substring(0, Math.min(6, slug.length())) + "-mirror" + m + "-" + Names.word(random)
                        .toLowerCase(java.util.Locale.ROOT) + ".test");
            }
            List<String> hosting = new ArrayList<>();
            for (int d = 0; d < domains.size(); d++) {
                hosting.add(providers.get(random.nextInt(providers.size())).id());
            }
            byte[] fingerprint = new byte[32];
            random.nextBytes(fingerprint);
            Outlet outlet = new Outlet(o, String.format("o%02d", o), name, languages, List.copyOf(domains),
                    List.copyOf(hosting), "cdn-" + Names.word(random).toLowerCase(java.util.Locale.ROOT) + ".test",
                    Names.word(random) + " Registrar", HexFormat.of().formatHex(fingerprint),
                    "UA-" + (100000 + random.nextInt(900000)) + "-" + (1 + random.nextInt(9)),
                    random.nextInt(0x1000000), "news@" + domains.getFirst());
            os.add(outlet);
            outlet.domains().forEach(domain -> outletByDomain.put(domain, outlet));
        }
        this.outlets = List.copyOf(os);
    }

    public static World generate(long seed, RangeSize size) {
        return new World(seed, size);
    }

    public long seed() {
        return seed;
    }

    public RangeSize size() {
        return size;
    }

    public List<Outlet> outlets() {
        return outlets;
    }

    public List<Provider> providers() {
        return providers;
    }

    public Provider provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    public Optional<Outlet> outletOf(String domain) {
        return Optional.ofNullable(outletByDomain.get(domain));
    }

    public Article article(Outlet outlet, int number) {
        SplittableRandom random = Seeds.random(seed, outlet.id() + "/article-" + number);
        String language = outlet.languages().get(random.nextInt(outlet.languages().size()));
        return new Article(outlet, number, String.format("%s-a%05d", outlet.id(), number), language,
                Texts.title(language, random), Texts.article(language, random), outlet.primaryDomain(),
                outlet.providers().getFirst());
    }

    /** Copies of an article: image copies first, then text copies, each on a mirror domain. */
    public List<Copy> copies(Article article) {
        Outlet outlet = article.outlet();
        SplittableRandom random = Seeds.random(seed, article.id() + "/copies");
        List<Copy> copies = new ArrayList<>();
        Transform[] transforms = Transform.values();
        int total = size.imageCopies() + size.textCopies();
        for (int c = 0; c < total; c++) {
            int mirror = 1 + random.nextInt(outlet.domains().size() - 1);
            Optional<Transform> transform = c < size.imageCopies()
                    ? Optional.of(transforms[random.nextInt(transforms.length)]) : Optional.empty();
            copies.add(new Copy(article.id() + "-c" + c, article, c, transform, outlet.domains().get(mirror),
                    outlet.providers().get(mirror)));
        }
        return copies;
    }

    /** Every article, outlet by outlet, generated as the stream is consumed. */
    public Stream<Article> articles() {
        return outlets.stream().flatMap(outlet -> LongStream.range(0, size.articlesPerOutlet())
                .mapToObj(n -> article(outlet, (int) n)));
    }

    /**
     * An independent random stream for a named part of the world, for models built beside it (the
     * infrastructure, evolution): same seed and name, same stream.
     */
    public SplittableRandom random(String name) {
        return Seeds.random(seed, name);
    }

    public String edited(Copy copy) {
        return Texts.edited(copy.original().text(), copy.original().language(),
                Seeds.random(seed, copy.id() + "/edit"));
    }
}
