package io.takedown.range.infra;

import io.takedown.range.Behaviour;
import io.takedown.range.Outlet;
import io.takedown.range.Provider;
import io.takedown.range.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The infrastructure running in range time. Removals (a provider acting on a notice) and strikes (an
 * authority acting against targets at once) take things down; each outlet reacts after a delay per its
 * {@link Strategy}: removed content comes back elsewhere, lost sites are re-hosted or replaced by new
 * domains, newsletters, extensions and apps are moved to what still stands. Every change is an
 * {@link InfraEvent}. Work is queued by range time and applied when the state is asked for, so the same
 * seed and the same removals and strikes at the same range times give the same history. Thread-safe.
 */
public final class InfraSimulation {

    private final Infrastructure infra;
    private final World world;
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Set<Target> down = new LinkedHashSet<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<InfraEvent> events = new ArrayList<>();
    private final List<Resurfaced> resurfaced = new ArrayList<>();
    private final Map<String, List<Resurfaced>> placed = new HashMap<>();
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private final Map<String, Integer> reactions = new HashMap<>();
    private final Map<String, Integer> newDomains = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final SitePages pages;
    private long sequence;
    private Instant now = Infrastructure.START;

    /** Work due at a range instant; ordered by instant, then by the order it was queued. */
    private sealed interface Pending {
        Instant at();
    }

    private record Removal(Instant at, String url, String provider, Optional<String> rehostedTo) implements Pending {
    }

    private record React(Instant at, ContentRef content, String removedUrl, String removedFrom, Instant removedAt,
                         Strategy.Reaction reaction, SplittableRandom random) implements Pending {
    }

    private record Recover(Instant at, String channelId, SplittableRandom random) implements Pending {
    }

    public InfraSimulation(Infrastructure infra) {
        this.infra = infra;
        this.world = infra.world();
        infra.sites().forEach(site -> sites.put(site.domain(), site));
        channels.addAll(infra.channels());
        used.addAll(sites.keySet());
        this.pages = new SitePages(world);
    }

    public Infrastructure infrastructure() {
        return infra;
    }

    /** The state at {@code at}, after everything due by then. Asking for an earlier instant shows the latest state. */
    public synchronized InfraState stateAt(Instant at) {
        advance(at);
        return new InfraState(now, sites, down, channels, resurfaced);
    }

    /** The ground truth so far, in range-time order. */
    public synchronized List<InfraEvent> events(Instant until) {
        advance(until);
        return List.copyOf(events);
    }

    public synchronized List<Resurfaced> resurfaced(Instant until) {
        advance(until);
        return List.copyOf(resurfaced);
    }

    /** Content placed on {@code domain} after removals elsewhere, as of {@code at}. */
    synchronized List<Resurfaced> placedOn(String domain, Instant at) {
        advance(at);
        return List.copyOf(placed.getOrDefault(domain, List.of()));
    }

    /**
     * A provider will remove {@code url} at {@code removedAt} (it accepted a notice or order); the outlet
     * reacts after that. {@code rehostedTo} is where a re-hosting provider's outlet already put it back.
     */
    public synchronized void removalScheduled(String url, String provider, Instant removedAt, Optional<String> rehostedTo) {
        queue(new Removal(removedAt, url, provider, rehostedTo));
    }

    /** An authority acts against {@code targets} at {@code at}; what complies goes down, outlets react. */
    public synchronized void strike(Set<Target> targets, Instant at) {
        advance(at);
        Instant when = at.isBefore(now) ? now : at;
        Set<String> reachableBefore = new HashSet<>();
        sites.keySet().stream().filter(d -> state(when).reachable(d)).forEach(reachableBefore::add);
        Set<String> aliveBefore = new HashSet<>();
        InfraState before = state(when);
        channels.stream().filter(before::alive).forEach(c -> aliveBefore.add(c.id()));
        for (Target target : new java.util.TreeSet<>(targets)) {
            record(when, "", InfraEvent.Kind.TARGET_STRUCK, target.key(), "");
            if (infra.complies(target)) {
                down.add(target);
            } else {
                record(when, "", InfraEvent.Kind.STRIKE_IGNORED, target.key(), "the operator ignores orders");
            }
        }
        InfraState after = state(when);
        for (String domain : reachableBefore) {
            if (!after.reachable(domain)) {
                record(when, sites.get(domain).outlet().orElse(""), InfraEvent.Kind.SITE_DOWN, domain, "");
            }
        }
        for (Channel channel : List.copyOf(channels)) {
            if (aliveBefore.contains(channel.id()) && !after.alive(channel)) {
                record(when, channel.outlet(), InfraEvent.Kind.CHANNEL_LOST, channel.id(), "audience " + channel.audience());
                SplittableRandom random = world.random("infra/" + channel.outlet() + "/recover-" + count(channel.outlet()));
                queue(new Recover(when.plus(infra.strategy(channel.outlet()).delay(random)), channel.id(), random));
            }
        }
    }

    /** Where a domain's origin is hosted now, if it is registered. */
    public synchronized Optional<Site> site(String domain, Instant at) {
        advance(at);
        return Optional.ofNullable(sites.get(domain));
    }

    /**
     * What the infrastructure serves at {@code path} on {@code host} (home pages, favicons, assets, update
     * files, content put back), or empty when it has nothing there and the world's own pages apply.
     */
    public Optional<Page> render(String host, String path, Instant at) {
        Site site;
        List<Resurfaced> here;
        synchronized (this) {
            advance(at);
            site = sites.get(host);
            here = List.copyOf(placed.getOrDefault(host, List.of()));
        }
        return site == null ? Optional.empty() : pages.render(site, path, here);
    }

    /**
     * The address a name points to now: its CDN edge when fronted, else its origin provider's; empty when
     * the name does not resolve (never registered, suspended, or its registrar struck).
     */
    public synchronized Optional<String> address(String domain, Instant at) {
        advance(at);
        Site site = sites.get(domain);
        if (site == null || down.contains(Target.domain(domain)) || down.contains(Target.registrar(site.registrar()))) {
            return Optional.empty();
        }
        return Optional.of(site.cdnAccount().map(a -> infra.cdnAccounts().get(a).edgeAddress())
                .orElse(world.provider(site.provider()).address()));
    }

    /** Whether the site's hosting is down: its origin provider or its CDN account struck with effect. */
    public synchronized boolean hostingDown(String domain, Instant at) {
        advance(at);
        Site site = sites.get(domain);
        return site != null && (down.contains(Target.provider(site.provider()))
                || site.cdnAccount().map(a -> down.contains(Target.cdnAccount(a))).orElse(false));
    }

    private InfraState state(Instant at) {
        return new InfraState(at, sites, down, channels, resurfaced);
    }

    private void queue(Pending work) {
        // Instants to the millisecond, then the queueing order: deterministic for the same inputs.
        pending.put(work.at().toEpochMilli() * 1_000_000L + (sequence++ % 1_000_000L), work);
    }

    private void advance(Instant to) {
        while (!pending.isEmpty() && !pending.firstEntry().getValue().at().isAfter(to)) {
            Pending work = pending.pollFirstEntry().getValue();
            if (work.at().isAfter(now)) {
                now = work.at();
            }
            switch (work) {
                case Removal removal -> applyRemoval(removal);
                case React react -> applyReaction(react);
                case Recover recover -> applyRecovery(recover);
            }
        }
        if (to.isAfter(now)) {
            now = to;
        }
    }

    private int count(String outlet) {
        return reactions.merge(outlet, 1, Integer::sum);
    }

    private void record(Instant at, String outlet, InfraEvent.Kind kind, String subject, String detail) {
        events.add(new InfraEvent(at, outlet, kind, subject, detail));
    }

    private void applyRemoval(Removal removal) {
        Optional<ContentRef> content = ContentRef.parse(world, removal.url());
        String outlet = content.map(c -> c.outlet().id()).orElse("");
        record(removal.at(), outlet, InfraEvent.Kind.CONTENT_REMOVED, removal.url(), "by " + removal.provider());
        if (content.isEmpty()) {
            return;
        }
        if (removal.rehostedTo().isPresent() && content.get().copy().map(c -> c.image()).orElse(false)) {
            // The world's re-hosted copy page links its image where it is not served: nothing of it came back.
            record(removal.at(), outlet, InfraEvent.Kind.CONTENT_REHOSTED, removal.rehostedTo().get(), content.get().id()
                    + " page put back by the re-hosting provider's outlet without its image");
            return;
        }
        if (removal.rehostedTo().isPresent()) {
            String url = removal.rehostedTo().get();
            String domain = java.net.URI.create(url).getHost();
            Resurfaced back = new Resurfaced(content.get().id(), outlet, removal.url(), removal.provider(), url, "",
                    domain, Optional.ofNullable(sites.get(domain)).map(Site::provider).orElse(""), removal.at(),
                    removal.at());
            resurfaced.add(back);
            placed.computeIfAbsent(domain, d -> new ArrayList<>()).add(back); // linked from the site's home page
            record(removal.at(), outlet, InfraEvent.Kind.CONTENT_REHOSTED, url, content.get().id()
                    + " put back by the re-hosting provider's outlet");
            return;
        }
        Strategy strategy = infra.strategy(outlet);
        SplittableRandom random = world.random("infra/" + outlet + "/reaction-" + count(outlet));
        Strategy.Reaction reaction = strategy.choose(random);
        queue(new React(removal.at().plus(strategy.delay(random)), content.get(), removal.url(), removal.provider(),
                removal.at(), reaction, random));
    }

    private void applyReaction(React react) {
        Outlet outlet = react.content().outlet();
        SplittableRandom random = react.random();
        InfraState state = state(react.at());
        String exclude = react.removedFrom();
        Site site = switch (react.reaction()) {
            case REHOST -> existing(outlet, state, s -> !s.provider().equals(exclude) && s.cdnAccount().isEmpty(), random)
                    .orElseGet(() -> newMirror(outlet, livingProvider(exclude, false, random), Optional.empty(), react.at(),
                            "registered after a removal", random));
            case NEW_MIRROR -> quota(outlet)
                    ? newMirror(outlet, livingProvider(exclude, false, random), Optional.empty(), react.at(),
                            "registered after a removal", random)
                    : existing(outlet, state, s -> !s.provider().equals(exclude), random)
                            .orElseGet(() -> newMirror(outlet, livingProvider(exclude, false, random), Optional.empty(),
                                    react.at(), "registered after a removal", random));
            case MOVE_TO_IGNORING -> existing(outlet, state, s -> ignores(s.provider()) && s.cdnAccount().isEmpty(), random)
                    .orElseGet(() -> {
                        Site moved = newMirror(outlet, livingProvider(exclude, true, random), Optional.empty(), react.at(),
                                "registered on a provider that ignores orders", random);
                        record(react.at(), outlet.id(), InfraEvent.Kind.MOVED_TO_IGNORING_PROVIDER, moved.domain(),
                                "hosted by " + moved.provider());
                        return moved;
                    });
            case CDN_FRONT -> existing(outlet, state, s -> s.cdnAccount().isPresent(), random)
                    .filter(s -> !quota(outlet) || random.nextBoolean())
                    .orElseGet(() -> {
                        Site fronted = newMirror(outlet, livingProvider(exclude, false, random),
                                down.contains(Target.cdnAccount(outlet.cdn())) ? Optional.empty() : Optional.of(outlet.cdn()),
                                react.at(), "registered behind the CDN", random);
                        fronted.cdnAccount().ifPresent(account -> record(react.at(), outlet.id(),
                                InfraEvent.Kind.CDN_FRONTED, fronted.domain(), "account " + account));
                        return fronted;
                    });
        };
        ContentRef content = react.content();
        String base = "http://" + site.domain() + "/r/" + content.id();
        String media = "";
        if (content.image()) {
            boolean reencoded = content.copy().isEmpty() && random.nextBoolean();
            String extension = content.copy().map(c -> c.mediaUrl().substring(c.mediaUrl().lastIndexOf('.')))
                    .orElse(reencoded ? ".jpg" : ".png");
            media = base + extension;
        }
        Resurfaced back = new Resurfaced(content.id(), outlet.id(), react.removedUrl(), react.removedFrom(),
                base + ".html", media, site.domain(), site.provider(), react.removedAt(), react.at());
        resurfaced.add(back);
        placed.computeIfAbsent(site.domain(), d -> new ArrayList<>()).add(back);
        record(react.at(), outlet.id(), InfraEvent.Kind.CONTENT_REHOSTED, back.url(), content.id() + " ("
                + react.reaction().name().toLowerCase(java.util.Locale.ROOT) + ") on " + site.provider());
    }

    private boolean quota(Outlet outlet) {
        return newDomains.getOrDefault(outlet.id(), 0) < infra.strategy(outlet.id()).maxNewDomains();
    }

    private boolean ignores(String provider) {
        return world.provider(provider).behaviour() == Behaviour.IGNORES;
    }

    /** A reachable site of the outlet (primary excluded) that fits, picked at random. */
    private Optional<Site> existing(Outlet outlet, InfraState state, java.util.function.Predicate<Site> fits,
                                    SplittableRandom random) {
        List<Site> candidates = sites.values().stream()
                .filter(s -> s.outlet().equals(Optional.of(outlet.id())) && s.role() == SiteRole.MIRROR)
                .filter(s -> state.reachable(s.domain())).filter(fits).toList();
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    /** A provider that is not down, not {@code exclude}; one that ignores orders when asked and there is one. */
    private String livingProvider(String exclude, boolean ignoring, SplittableRandom random) {
        List<Provider> all = world.providers().stream().filter(p -> !down.contains(Target.provider(p.id()))
                && !p.id().equals(exclude)).toList();
        List<Provider> preferred = all.stream().filter(p -> !ignoring || p.behaviour() == Behaviour.IGNORES).toList();
        List<Provider> pool = preferred.isEmpty() ? (all.isEmpty() ? world.providers() : all) : preferred;
        return pool.get(random.nextInt(pool.size())).id();
    }

    private String livingRegistrar(SplittableRandom random, boolean preferIgnoring) {
        List<Registrar> all = infra.registrars().stream().filter(r -> !down.contains(Target.registrar(r.id()))).toList();
        List<Registrar> preferred = all.stream().filter(r -> !preferIgnoring || r.ignoresOrders()).toList();
        List<Registrar> pool = preferred.isEmpty() ? (all.isEmpty() ? infra.registrars() : all) : preferred;
        return pool.get(random.nextInt(pool.size())).id();
    }

    private Site newMirror(Outlet outlet, String provider, Optional<String> cdn, Instant at, String why,
                           SplittableRandom random) {
        String domain = InfraNames.domain(random, "", used);
        Site primary = sites.get(outlet.primaryDomain());
        Site drawn = infra.mirror(outlet, domain, provider, primary, random, at, why, cdn);
        Site site = new Site(drawn.domain(), drawn.outlet(), drawn.role(), drawn.provider(),
                down.contains(Target.registrar(drawn.registrar())) ? livingRegistrar(random, false) : drawn.registrar(),
                drawn.cdnAccount().filter(a -> !down.contains(Target.cdnAccount(a))), drawn.keyId(),
                drawn.certificateId(), drawn.analyticsId(), drawn.favicon(), drawn.kit(), drawn.outletCss(),
                Optional.empty(), at, why);
        sites.put(domain, site);
        newDomains.merge(outlet.id(), 1, Integer::sum);
        channels.add(new Channel("web:" + domain, outlet.id(), ChannelKind.WEB, outlet.name() + " mirror",
                200 + random.nextInt(3_000), List.of(domain), at));
        record(at, outlet.id(), InfraEvent.Kind.DOMAIN_REGISTERED, domain, why + "; registrar " + site.registrar()
                + ", provider " + provider + site.cdnAccount().map(a -> ", behind " + a).orElse(""));
        return site;
    }

    private void applyRecovery(Recover recover) {
        Channel channel = channels.stream().filter(c -> c.id().equals(recover.channelId())).findFirst().orElseThrow();
        InfraState state = state(recover.at());
        if (state.alive(channel)) {
            return;
        }
        Strategy strategy = infra.strategy(channel.outlet());
        SplittableRandom random = recover.random();
        Outlet outlet = world.outlets().stream().filter(o -> o.id().equals(channel.outlet())).findFirst().orElseThrow();
        boolean seeksIgnoring = strategy.weights()[Strategy.Reaction.MOVE_TO_IGNORING.ordinal()]
                >= strategy.weights()[Strategy.Reaction.REHOST.ordinal()];
        switch (channel.kind()) {
            case WEB -> {
                String domain = channel.endpoints().getFirst();
                Site site = sites.get(domain);
                if (site != null && !down.contains(Target.domain(domain)) && !down.contains(Target.registrar(site.registrar()))) {
                    // The name still stands: move the site to a host that is up, and drop a terminated CDN front.
                    String provider = down.contains(Target.provider(site.provider()))
                            ? livingProvider(site.provider(), seeksIgnoring, random) : site.provider();
                    Site moved = site.withProvider(provider)
                            .withCdn(site.cdnAccount().filter(a -> !down.contains(Target.cdnAccount(a))));
                    sites.put(domain, moved);
                    record(recover.at(), outlet.id(), ignores(provider) && !provider.equals(site.provider())
                            ? InfraEvent.Kind.MOVED_TO_IGNORING_PROVIDER : InfraEvent.Kind.SITE_MOVED, domain,
                            "from " + site.provider() + " to " + provider);
                    record(recover.at(), outlet.id(), InfraEvent.Kind.CHANNEL_RESTORED, channel.id(), "same domain");
                    return;
                }
                Site replacement = replacementSite(outlet, seeksIgnoring, recover.at(), "replaces " + domain, random);
                restore(channel, replacement.domain(), List.of(replacement.domain()), strategy.webRecovery(), recover.at());
            }
            case NEWSLETTER -> {
                String domain = livingSite(outlet, state)
                        .orElseGet(() -> replacementSite(outlet, seeksIgnoring, recover.at(), "new sender domain", random).domain());
                restore(channel, domain, List.of(domain), strategy.mailRecovery(), recover.at());
            }
            case EXTENSION, APP -> {
                String domain = livingSite(outlet, state)
                        .orElseGet(() -> replacementSite(outlet, seeksIgnoring, recover.at(), "new update host", random).domain());
                String path = channel.kind() == ChannelKind.EXTENSION ? "/ext/updates.json" : "/app/config.json";
                restore(channel, domain, List.of("http://" + domain + path), strategy.appRecovery(), recover.at());
            }
        }
    }

    private Optional<String> livingSite(Outlet outlet, InfraState state) {
        return sites.values().stream().filter(s -> s.outlet().equals(Optional.of(outlet.id())) && s.role().operated())
                .map(Site::domain).filter(state::reachable).findFirst();
    }

    private Site replacementSite(Outlet outlet, boolean seeksIgnoring, Instant at, String why, SplittableRandom random) {
        String provider = livingProvider("", seeksIgnoring, random);
        Optional<String> cdn = random.nextDouble() < infra.strategy(outlet.id()).weights()[Strategy.Reaction.CDN_FRONT.ordinal()] / 6
                && !down.contains(Target.cdnAccount(outlet.cdn())) ? Optional.of(outlet.cdn()) : Optional.empty();
        Site site = newMirror(outlet, provider, cdn, at, why, random);
        if (down.contains(Target.registrar(site.registrar())) || seeksIgnoring) {
            Site moved = new Site(site.domain(), site.outlet(), site.role(), site.provider(),
                    livingRegistrar(random, seeksIgnoring), site.cdnAccount(), site.keyId(), site.certificateId(),
                    site.analyticsId(), site.favicon(), site.kit(), site.outletCss(), site.quotes(), at, why);
            sites.put(site.domain(), moved);
            return moved;
        }
        return site;
    }

    private void restore(Channel lost, String domain, List<String> endpoints, double recovery, Instant at) {
        long kept = Math.max(1, Math.round(lost.audience() * recovery));
        Channel replacement = new Channel(lost.id() + "@" + domain, lost.outlet(), lost.kind(), lost.name(), kept,
                endpoints, at);
        // A web channel for a new domain was already added when the domain was registered; it takes the audience.
        channels.removeIf(c -> c.kind() == ChannelKind.WEB && lost.kind() == ChannelKind.WEB && c.id().equals("web:" + domain));
        channels.add(replacement);
        record(at, lost.outlet(), InfraEvent.Kind.CHANNEL_RESTORED, replacement.id(), "audience " + kept + " of "
                + lost.audience() + " via " + domain);
    }
}
