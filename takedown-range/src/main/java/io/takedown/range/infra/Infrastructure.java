package io.takedown.range.infra;

import io.takedown.range.Outlet;
import io.takedown.range.Provider;
import io.takedown.range.Behaviour;
import io.takedown.range.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the world's outlets run on at the start of range time, drawn from the seed: registrars, CDN
 * accounts, every site (the world's primary and mirror domains, further mirrors, update hosts, decoys) and
 * every channel with its audience. Same seed, same infrastructure.
 */
public final class Infrastructure {

    /** When range time starts for the infrastructure; initial sites were registered before it. */
    public static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    /** The CDN operators; each has one edge address. */
    public static final List<String[]> CDN_OPERATORS = List.of(
            new String[] {"Kirento Edge", "127.0.20.1"}, new String[] {"Oslune Delivery", "127.0.20.2"});

    private final World world;
    private final List<Registrar> registrars;
    private final Map<String, CdnAccount> cdnAccounts = new LinkedHashMap<>();
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final Map<String, Strategy> strategies = new LinkedHashMap<>();
    private final Map<String, String> updateHosts = new LinkedHashMap<>();

    private Infrastructure(World world) {
        this.world = world;
        this.registrars = registrars(world);
        Set<String> used = new HashSet<>();
        world.outlets().forEach(outlet -> used.addAll(outlet.domains()));
        for (Outlet outlet : world.outlets()) {
            SplittableRandom random = world.random("infra/" + outlet.id());
            String[] operator = CDN_OPERATORS.get(random.nextInt(CDN_OPERATORS.size()));
            cdnAccounts.put(outlet.cdn(), new CdnAccount(outlet.cdn(), operator[0], operator[1], outlet.id()));
            strategies.put(outlet.id(), Strategy.draw(world.random("infra/" + outlet.id() + "/strategy")));
            buildOutlet(outlet, random, used);
        }
        buildDecoys(used);
    }

    public static Infrastructure of(World world) {
        return new Infrastructure(world);
    }

    public World world() {
        return world;
    }

    public List<Registrar> registrars() {
        return registrars;
    }

    public Registrar registrar(String id) {
        return registrars.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    public Map<String, CdnAccount> cdnAccounts() {
        return Map.copyOf(cdnAccounts);
    }

    /** Sites at the start, in a fixed order: outlet by outlet, then the decoys. */
    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    public Strategy strategy(String outletId) {
        return strategies.get(outletId);
    }

    /** The outlet's update host: where its extension and app look for updates besides the primary domain. */
    public String updateHost(String outletId) {
        return updateHosts.get(outletId);
    }

    /** Whether an order to the operator of {@code target} has any effect. */
    public boolean complies(Target target) {
        return switch (target.kind()) {
            case PROVIDER -> world.provider(target.id()).behaviour() != Behaviour.IGNORES;
            case REGISTRAR -> !registrar(target.id()).ignoresOrders();
            case DOMAIN, CDN_ACCOUNT, UPDATE_URL -> true;
        };
    }

    private static List<Registrar> registrars(World world) {
        List<String> names = world.outlets().stream().map(Outlet::registrar).distinct().toList();
        SplittableRandom random = world.random("infra/registrars");
        List<Registrar> out = new ArrayList<>();
        for (String name : names) {
            out.add(new Registrar(String.format("reg-%02d", out.size() + 1), name, country(random), false));
        }
        // Two more that no outlet starts with: one ordinary, one that ignores every order.
        out.add(new Registrar(String.format("reg-%02d", out.size() + 1), InfraNames.capitalised(random) + " Domains",
                country(random), false));
        out.add(new Registrar(String.format("reg-%02d", out.size() + 1), InfraNames.capitalised(random) + " Names Offshore",
                country(random), true));
        return List.copyOf(out);
    }

    private static String country(SplittableRandom random) {
        String[] countries = {"DE", "FR", "NL", "IE", "ES", "SE", "PL", "IT", "FI", "AT"};
        return countries[random.nextInt(countries.length)];
    }

    private String registrarOf(Outlet outlet) {
        return registrars.stream().filter(r -> r.name().equals(outlet.registrar())).findFirst().orElseThrow().id();
    }

    private String anyRegistrar(SplittableRandom random) {
        return registrars.get(random.nextInt(registrars.size())).id();
    }

    private static String hexId(String prefix, SplittableRandom random) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private Instant before(SplittableRandom random, int maxDays) {
        return START.minus(Duration.ofDays(1 + random.nextInt(maxDays))).minusSeconds(random.nextInt(86_400));
    }

    private void buildOutlet(Outlet outlet, SplittableRandom random, Set<String> used) {
        String primaryKey = "k-" + outlet.tlsFingerprint().substring(0, 16);
        String primaryCert = "c-" + outlet.tlsFingerprint().substring(16, 32);
        String kit = "outlet:" + outlet.id();
        Optional<String> primaryCdn = random.nextDouble() < 0.5 ? Optional.of(outlet.cdn()) : Optional.empty();
        Site primary = new Site(outlet.primaryDomain(), Optional.of(outlet.id()), SiteRole.PRIMARY,
                outlet.providers().getFirst(), registrarOf(outlet), primaryCdn, primaryKey, primaryCert,
                Optional.of(outlet.analyticsId()), Site.Favicon.OUTLET, kit, true, Optional.empty(), before(random, 700),
                "initial");
        sites.put(primary.domain(), primary);
        channels.add(new Channel("web:" + primary.domain(), outlet.id(), ChannelKind.WEB, outlet.name() + " website",
                20_000 + random.nextInt(130_000), List.of(primary.domain()), primary.registeredAt()));

        List<String> mirrors = new ArrayList<>(outlet.domains().subList(1, outlet.domains().size()));
        List<String> mirrorProviders = new ArrayList<>(outlet.providers().subList(1, outlet.providers().size()));
        // Further mirrors beyond the world's own, named like anything else (a name proves nothing).
        int extra = 2 + random.nextInt(3);
        for (int i = 0; i < extra; i++) {
            mirrors.add(InfraNames.domain(random, "", used));
            mirrorProviders.add(world.providers().get(random.nextInt(world.providers().size())).id());
        }
        for (int m = 0; m < mirrors.size(); m++) {
            Site mirror = mirror(outlet, mirrors.get(m), mirrorProviders.get(m), primary, random, before(random, 300),
                    "initial", Optional.empty());
            sites.put(mirror.domain(), mirror);
            channels.add(new Channel("web:" + mirror.domain(), outlet.id(), ChannelKind.WEB, outlet.name() + " mirror",
                    500 + random.nextInt(12_000), List.of(mirror.domain()), mirror.registeredAt()));
        }

        String updateHost = InfraNames.domain(random, "-upd", used);
        updateHosts.put(outlet.id(), updateHost);
        String updateProvider = otherProvider(outlet.providers().getFirst(), random);
        Site updates = new Site(updateHost, Optional.of(outlet.id()), SiteRole.UPDATE_HOST, updateProvider,
                random.nextBoolean() ? primary.registrar() : anyRegistrar(random), Optional.empty(),
                hexId("k-", random), hexId("c-", random), Optional.empty(), Site.Favicon.STOCK, "plain", false,
                Optional.empty(), before(random, 400), "initial");
        sites.put(updateHost, updates);
        String primaryUrl = "http://" + primary.domain();
        String updateUrl = "http://" + updateHost;
        channels.add(new Channel("newsletter:" + outlet.id(), outlet.id(), ChannelKind.NEWSLETTER,
                outlet.name() + " newsletter (" + outlet.newsletterAddress() + ")", 1_000 + random.nextInt(19_000),
                List.of(primary.domain()), primary.registeredAt()));
        channels.add(new Channel("extension:" + outlet.id(), outlet.id(), ChannelKind.EXTENSION,
                outlet.name() + " browser extension", 1_000 + random.nextInt(29_000),
                List.of(primaryUrl + "/updates.json", updateUrl + "/ext/updates.json"), updates.registeredAt()));
        channels.add(new Channel("app:" + outlet.id(), outlet.id(), ChannelKind.APP,
                outlet.name() + " app (test.range." + outlet.id() + ")", 2_000 + random.nextInt(58_000),
                List.of(primaryUrl + "/app/config.json", updateUrl + "/app/config.json"), updates.registeredAt()));
    }

    /** A site the outlet runs beside its primary, sharing some of its fingerprints, drawn per site. */
    Site mirror(Outlet outlet, String domain, String provider, Site primary, SplittableRandom random, Instant at,
                String origin, Optional<String> cdn) {
        boolean reuseKey = random.nextDouble() < 0.4;
        String key = reuseKey ? primary.keyId() : hexId("k-", random);
        String certificate = reuseKey && random.nextDouble() < 0.4 ? primary.certificateId() : hexId("c-", random);
        double a = random.nextDouble();
        Optional<String> analytics = a < 0.55 ? Optional.of(outlet.analyticsId())
                : a < 0.85 ? Optional.of("UA-" + (100000 + random.nextInt(900000)) + "-" + (1 + random.nextInt(9)))
                : Optional.empty();
        double f = random.nextDouble();
        Site.Favicon favicon = f < 0.6 ? Site.Favicon.OUTLET : f < 0.8 ? Site.Favicon.REDRAWN : Site.Favicon.STOCK;
        String kit = random.nextDouble() < 0.85 ? "outlet:" + outlet.id() : "cms";
        Optional<String> front = cdn.isPresent() ? cdn : random.nextDouble() < 0.25 ? Optional.of(outlet.cdn()) : Optional.empty();
        return new Site(domain, Optional.of(outlet.id()), SiteRole.MIRROR, provider,
                random.nextBoolean() ? primary.registrar() : anyRegistrar(random), front, key, certificate, analytics,
                favicon, kit, random.nextDouble() < 0.7, Optional.empty(), at, origin);
    }

    private String otherProvider(String not, SplittableRandom random) {
        List<Provider> others = world.providers().stream().filter(p -> !p.id().equals(not)).toList();
        return others.get(random.nextInt(others.size())).id();
    }

    /** Unrelated sites. Some quote an outlet, some share its provider, theme, registrar or CDN operator. */
    private void buildDecoys(Set<String> used) {
        SplittableRandom random = world.random("infra/decoys");
        int count = 3 * world.outlets().size() + 3;
        String[] suffixes = {"-news", "-notes", "-shop", "-journal"};
        for (int i = 0; i < count; i++) {
            int kind = i % 4;
            Outlet near = world.outlets().get(random.nextInt(world.outlets().size()));
            String domain = InfraNames.domain(random, suffixes[kind], used);
            String provider = random.nextDouble() < 0.5 ? near.providers().getFirst()
                    : world.providers().get(random.nextInt(world.providers().size())).id();
            Optional<String> cdn = Optional.empty();
            if (random.nextDouble() < 0.3) {
                String[] operator = CDN_OPERATORS.get(random.nextInt(CDN_OPERATORS.size()));
                String account = "acct-" + domain;
                cdnAccounts.put(account, new CdnAccount(account, operator[0], operator[1], ""));
                cdn = Optional.of(account);
            }
            String kit = switch (kind) {
                case 0 -> "news";
                case 1 -> "cms";
                case 2 -> "shop";
                default -> "outlet:" + near.id(); // bought the same theme: looks alike, nothing else shared
            };
            Site.Favicon favicon = kind == 1 || random.nextDouble() < 0.2 ? Site.Favicon.STOCK : Site.Favicon.OWN;
            Optional<String> quotes = kind == 0 || kind == 3 && random.nextBoolean() ? Optional.of(near.id()) : Optional.empty();
            sites.put(domain, new Site(domain, Optional.empty(), SiteRole.DECOY, provider, anyRegistrar(random), cdn,
                    hexId("k-", random), hexId("c-", random),
                    Optional.of("UA-" + (100000 + random.nextInt(900000)) + "-" + (1 + random.nextInt(9))), favicon, kit,
                    false, quotes, before(random, 900), "initial"));
        }
    }
}
