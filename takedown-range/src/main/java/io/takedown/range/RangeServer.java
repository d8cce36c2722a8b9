package io.takedown.range;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.takedown.range.tls.RangeCa;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import io.takedown.range.infra.InfraSimulation;
import io.takedown.range.infra.Infrastructure;
import io.takedown.range.infra.Site;
import io.takedown.range.infra.SiteCertificates;

/**
 * Serves a world on loopback: one HTTP server per hosting provider, each on its own 127.x.y.z address,
 * answering for the domains it hosts (by Host header) and taking removal notices at
 * {@code POST /.well-known/takedown/notice}. Content is rendered from the world on request. A built-in
 * {@link #resolve resolver} maps the fictional domains to those addresses; the machine's DNS is untouched.
 *
 * <p>Uses the JDK's HTTP server on virtual threads: the range is a test fixture, not the product's API,
 * and needs nothing more.
 *
 * <p>Each provider and CDN edge also serves its sites over HTTPS ({@link #resolveTls}), each site presenting
 * the certificate the infrastructure model gives it ({@link SiteCertificates}, chosen by SNI), and each
 * provider takes notices over HTTPS ({@link #tlsNoticeEndpoint}) with a certificate for its address, all from
 * the range's own authority ({@link #ca()}), and the competent authorities of the member states take copies of
 * cross-border orders at {@link #authorityEndpoint}. A delivery carrying an {@code Idempotency-Key} is
 * acted on once: a repeat gets the first answer again (HTTP 200) and is only counted
 * ({@link #deliveriesPerKey()}), so a sender that retries after a crash never creates a second notice.
 */
public final class RangeServer implements AutoCloseable {

    public static final String NOTICE_PATH = "/.well-known/takedown/notice";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final World world;
    private final RangeClock clock;
    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final Map<String, Notice> notices = new ConcurrentHashMap<>();
    private final Map<String, Notice> noticeByUrl = new ConcurrentHashMap<>();
    private final AtomicInteger noticeIds = new AtomicInteger();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, HttpsServer> tlsServers = new LinkedHashMap<>();
    private final Map<String, byte[]> answerByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deliveriesByKey = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> authorityCopies = new ConcurrentHashMap<>();
    private RangeCa ca;
    private HttpsServer authorities;

    /** Address the member states' competent authorities listen on (outside the providers' 127.0.10+ block). */
    public static final String AUTHORITY_ADDRESS = "127.0.9.1";

    /** Something an authority received: the kind, the idempotency key, the JWS and when. */
    public record Received(String country, String kind, String idempotencyKey, String body, Instant at) {
    }
    private final Map<String, HttpServer> byAddress = new ConcurrentHashMap<>();
    private final Map<String, HttpsServer> tlsByAddress = new ConcurrentHashMap<>();
    private final List<HttpServer> edges = new ArrayList<>();
    private final List<HttpsServer> tlsEdges = new ArrayList<>();
    private final InfraSimulation infra;
    private SiteCertificates siteCertificates;

    private final io.takedown.range.evolution.Evolution evolution;
    private volatile RenderCache renderCache;

    public RangeServer(World world, RangeClock clock) {
        this(world, clock, io.takedown.range.evolution.Evolution.STATIC);
    }

    /** A range whose outlets keep publishing as range time passes. */
    public RangeServer(World world, RangeClock clock, io.takedown.range.evolution.Evolution evolution) {
        this.world = world;
        this.clock = clock;
        this.infra = new InfraSimulation(Infrastructure.of(world));
        this.evolution = evolution;
    }

    /**
     * Keeps every rendered site response (pages, feeds, generated images) in memory, up to {@code maxBytes},
     * so a second request for the same path at the same publication state is served without drawing or
     * encoding again. Rendering is deterministic, so a cached answer is byte-identical to a fresh one. For
     * benchmarks, where the range's own CPU must not be charged to the crawler being measured.
     */
    public RangeServer cacheRendered(long maxBytes) {
        renderCache = new RenderCache(maxBytes);
        return this;
    }

    /** Articles {@code outlet} has published now, in range time. */
    public int published(Outlet outlet) {
        return evolution.published(world, outlet, clock.instant());
    }

    /** Binds every provider and CDN edge; refuses any address outside 127.0.0.0/8. */
    public RangeServer start() throws IOException {
        for (Provider provider : world.providers()) {
            HttpServer server = bind(provider.address(), "range provider " + provider.id());
            server.createContext("/", exchange -> handle(provider, exchange));
            server.start();
            servers.put(provider.id(), server);
            byAddress.put(provider.address(), server);
        }
        for (String[] operator : Infrastructure.CDN_OPERATORS) {
            HttpServer server = bind(operator[1], "range CDN " + operator[0]);
            server.createContext("/", exchange -> handleEdge(operator[0], exchange));
            server.start();
            edges.add(server);
            byAddress.put(operator[1], server);
        }
        ca = RangeCa.create();
        siteCertificates = new SiteCertificates(ca, infra, clock);
        for (Provider provider : world.providers()) {
            // One HTTPS server per provider: its sites by SNI with their own certificates, and its notice
            // endpoint under a certificate for its address (a client naming no site gets that one).
            HttpsServer server = bindTls(provider.address(), "range provider " + provider.id());
            server.createContext(NOTICE_PATH, exchange -> {
                try (exchange) {
                    handleNotice(provider, exchange, exchange.getRequestURI().getPath());
                } catch (RuntimeException e) {
                    send(exchange, 500, "text/plain", ("range error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            server.createContext("/", exchange -> handle(provider, exchange));
            server.start();
            tlsServers.put(provider.id(), server);
            tlsByAddress.put(provider.address(), server);
        }
        for (String[] operator : Infrastructure.CDN_OPERATORS) {
            // A CDN edge presents each fronted site's own certificate (uploaded by its operator).
            HttpsServer server = bindTls(operator[1], "range CDN " + operator[0]);
            server.createContext("/", exchange -> handleEdge(operator[0], exchange));
            server.start();
            tlsEdges.add(server);
            tlsByAddress.put(operator[1], server);
        }
        authorities = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(AUTHORITY_ADDRESS), 0), 64);
        authorities.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext(List.of(AUTHORITY_ADDRESS))));
        authorities.setExecutor(executor);
        authorities.createContext("/authority/", this::handleAuthority);
        authorities.start();
        return this;
    }

    private HttpsServer bindTls(String host, String what) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IllegalStateException(what + " would bind " + address + ", which is not loopback");
        }
        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(siteCertificates.serverContext(ca.issue(List.of(host)))));
        server.setExecutor(executor);
        return server;
    }

    private HttpServer bind(String host, String what) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IllegalStateException(what + " would bind " + address + ", which is not loopback");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 64);
        server.setExecutor(executor);
        return server;
    }

    /**
     * Where a range domain is served now: its CDN edge when fronted, else its origin provider; empty for
     * names outside the range and names that no longer resolve.
     */
    public Optional<InetSocketAddress> resolve(String domain) {
        return infra.address(domain, clock.instant()).map(byAddress::get).map(HttpServer::getAddress);
    }

    /** Where a range domain is served over HTTPS now (its CDN edge or origin provider); empty as {@link #resolve}. */
    public Optional<InetSocketAddress> resolveTls(String domain) {
        return infra.address(domain, clock.instant()).map(tlsByAddress::get).map(HttpsServer::getAddress);
    }

    /** The range's resolver for {@link RangeHttpClient}: HTTP and HTTPS addresses of its names. */
    public RangeHttpClient.Resolver resolver() {
        return (host, tls) -> tls ? resolveTls(host) : resolve(host);
    }

    /** The certificates the range's sites present over HTTPS. */
    public SiteCertificates siteCertificates() {
        return siteCertificates;
    }

    /** The range's infrastructure as it runs: its state, ground truth and strikes. */
    public InfraSimulation infrastructure() {
        return infra;
    }

    /** A provider's notice endpoint. */
    public URI noticeEndpoint(String providerId) {
        InetSocketAddress address = servers.get(providerId).getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + NOTICE_PATH);
    }

    /** A provider's notice endpoint over HTTPS, with a certificate from {@link #ca()}. */
    public URI tlsNoticeEndpoint(String providerId) {
        InetSocketAddress address = tlsServers.get(providerId).getAddress();
        return URI.create("https://" + address.getHostString() + ":" + address.getPort() + NOTICE_PATH);
    }

    /** Where the competent authority of member state {@code country} takes copies of orders (HTTPS). */
    public URI authorityEndpoint(String country) {
        InetSocketAddress address = authorities.getAddress();
        return URI.create("https://" + address.getHostString() + ":" + address.getPort() + "/authority/"
                + country.toUpperCase(Locale.ROOT) + "/orders");
    }

    /** The certificate authority the range's HTTPS endpoints use; clients trust it and nothing else. */
    public RangeCa ca() {
        return ca;
    }

    /** How many times each idempotency key was delivered (to providers and authorities alike). */
    public Map<String, Integer> deliveriesPerKey() {
        Map<String, Integer> out = new LinkedHashMap<>();
        deliveriesByKey.forEach((key, count) -> out.put(key, count.get()));
        return out;
    }

    /** What each member state's authority received, per country. */
    public Map<String, List<Received>> authorityCopies() {
        Map<String, List<Received>> out = new LinkedHashMap<>();
        authorityCopies.forEach((country, list) -> {
            synchronized (list) {
                out.put(country, List.copyOf(list));
            }
        });
        return out;
    }

    public List<InetSocketAddress> boundAddresses() {
        return servers.values().stream().map(HttpServer::getAddress).toList();
    }

    public Map<String, Notice> notices() {
        return Map.copyOf(notices);
    }

    private void handle(Provider provider, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(NOTICE_PATH)) {
                handleNotice(provider, exchange, path);
                return;
            }
            serveSite(provider.id(), exchange, path);
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", ("range error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A CDN edge: serves a fronted site as its origin would, and says so in {@code Via}. */
    private void handleEdge(String operator, HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = host(exchange);
            Optional<Site> site = infra.site(host, clock.instant()).filter(s -> s.cdnAccount().isPresent());
            if (site.isEmpty()) {
                send(exchange, 421, "text/plain", ("not fronted here: " + host + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchange.getResponseHeaders().set("Via", "1.1 " + operator.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')
                    + " (account " + site.get().cdnAccount().get() + ")");
            serveSite(site.get().provider(), exchange, exchange.getRequestURI().getPath());
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", ("range error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String host(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("").replaceFirst(":\\d+$", "");
    }

    private void serveSite(String providerId, HttpExchange exchange, String path) throws IOException {
        String host = host(exchange);
        Instant now = clock.instant();
        Optional<Site> site = infra.site(host, now);
        if (site.isEmpty() || !site.get().provider().equals(providerId)) {
            send(exchange, 421, "text/plain", ("not hosted here: " + host + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (infra.hostingDown(host, now)) {
            send(exchange, 410, "text/plain", "site removed by its host\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<Outlet> outlet = world.outletOf(host);
        String url = "http://" + host + path;
        Notice notice = noticeByUrl.get(url);
        if (notice != null && notice.status(now).equals("removed")) {
            send(exchange, 410, "text/plain", "removed after a notice\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<Content> content = Optional.empty();
        int published = outlet.map(this::published).orElse(0);
        if (outlet.isPresent() && path.startsWith("/rehosted/")) {
            // Served only once a re-hosting provider has removed the original.
            content = notices.values().stream()
                    .filter(n -> n.rehostedTo().map(url::equals).orElse(false) && n.status(now).equals("removed"))
                    .findFirst()
                    .flatMap(n -> {
                        URI original = URI.create(n.url());
                        return SiteContent.render(world, outlet.get(), original.getHost(), original.getPath(),
                                published);
                    });
        } else if (outlet.isPresent()) {
            RenderCache cache = renderCache;
            content = cache == null ? SiteContent.render(world, outlet.get(), host, path, published)
                    : cache.get(host + path + "#" + published, () -> SiteContent.render(world, outlet.get(), host, path,
                    published));
        }
        if (content.isEmpty()) {
            content = infra.render(host, path, now).map(page -> new Content(page.type(), page.body()));
        }
        if (content.isEmpty()) {
            send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, content.get().type(), content.get().bytes());
    }

    private void handleNotice(Provider provider, HttpExchange exchange, String path) throws IOException {
        Instant now = clock.instant();
        if (exchange.getRequestMethod().equals("GET")) {
            String id = path.substring(Math.min(path.length(), NOTICE_PATH.length() + 1));
            Notice notice = notices.get(id);
            if (notice == null || !notice.provider().equals(provider.id())) {
                send(exchange, 404, "application/json", "{\"error\":\"no such notice\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(describe(notice, now)));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "text/plain", "use POST\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in.readNBytes(64 * 1024));
        } catch (IOException e) {
            send(exchange, 400, "application/json", "{\"error\":\"body is not JSON\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            deliveriesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            byte[] first = answerByKey.get(key);
            if (first != null) {
                send(exchange, 200, "application/json", first);
                return;
            }
        }
        String kind = body.path("kind").asText("referral");
        String url = body.path("url").asText("");
        if (body.hasNonNull("order")) {
            // What the provider acts on is what is signed: the URL comes from the JWS payload.
            url = signedPayload(body.path("order").asText()).path("urls").path(0).asText("");
        }
        if (kind.equals("procedures")) {
            byte[] answer = JSON.writeValueAsBytes(JSON.createObjectNode().put("kind", "procedures")
                    .put("provider", provider.id()).put("received_at", now.toString()));
            remember(key, answer);
            send(exchange, 202, "application/json", answer);
            return;
        }
        if (url.isEmpty()) {
            send(exchange, 400, "application/json", "{\"error\":\"url is required\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] answer;
        synchronized (this) {
            byte[] raced = key == null ? null : answerByKey.get(key);
            if (raced != null) {
                send(exchange, 200, "application/json", raced);
                return;
            }
            Notice notice = react(provider, body, kind, url, now);
            notices.put(notice.id(), notice);
            noticeByUrl.put(url, notice);
            notice.dueAt().ifPresent(due -> infra.removalScheduled(notice.url(), provider.id(), due, notice.rehostedTo()));
            answer = JSON.writeValueAsBytes(describe(notice, now));
            remember(key, answer);
        }
        send(exchange, 202, "application/json", answer);
    }

    private void remember(String key, byte[] answer) {
        if (key != null) {
            answerByKey.putIfAbsent(key, answer);
        }
    }

    private Notice react(Provider provider, JsonNode body, String kind, String url, Instant now) {
        Notice previous = noticeByUrl.get(url);
        boolean clarified = previous != null && previous.needsClarification() && body.hasNonNull("clarification");
        String id = provider.id() + "-n" + noticeIds.incrementAndGet();
        String reference = body.path("reference").asText("");
        return switch (provider.behaviour()) {
            case COMPLIES_FAST -> new Notice(id, provider.id(), url, kind, reference, now,
                    Optional.of(now.plus(Duration.ofMinutes(10))), false, Optional.empty());
            case COMPLIES_LATE -> new Notice(id, provider.id(), url, kind, reference, now,
                    Optional.of(now.plus(Duration.ofHours(3))), false, Optional.empty());
            case IGNORES -> new Notice(id, provider.id(), url, kind, reference, now, Optional.empty(), false,
                    Optional.empty());
            case ASKS_CLARIFICATION -> new Notice(id, provider.id(), url, kind, reference, now,
                    clarified ? Optional.of(now.plus(Duration.ofMinutes(20))) : Optional.empty(), !clarified,
                    Optional.empty());
            case REHOSTS -> new Notice(id, provider.id(), url, kind, reference, now,
                    Optional.of(now.plus(Duration.ofMinutes(5))), false, rehostTarget(url));
        };
    }

    /** The payload of a compact JWS, unverified (the range trusts no key; a provider gateway would). */
    private static JsonNode signedPayload(String jws) {
        String[] parts = jws.split("\\.");
        try {
            return parts.length == 3 ? JSON.readTree(Base64.getUrlDecoder().decode(parts[1])) : JSON.createObjectNode();
        } catch (IOException | IllegalArgumentException e) {
            return JSON.createObjectNode();
        }
    }

    private void handleAuthority(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (!exchange.getRequestMethod().equals("POST") || path.length != 4 || !path[2].matches("[A-Z]{2}")) {
                send(exchange, 404, "application/json", "{\"error\":\"POST /authority/CC/orders\"}"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String country = path[2];
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in.readNBytes(64 * 1024));
            } catch (IOException e) {
                send(exchange, 400, "application/json", "{\"error\":\"body is not JSON\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Instant now = clock.instant();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                deliveriesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                byte[] first = answerByKey.get(key);
                if (first != null) {
                    send(exchange, 200, "application/json", first);
                    return;
                }
            }
            byte[] answer = JSON.writeValueAsBytes(JSON.createObjectNode().put("authority", country)
                    .put("kind", body.path("kind").asText("copy")).put("received_at", now.toString()));
            List<Received> list = authorityCopies.computeIfAbsent(country, c -> new ArrayList<>());
            synchronized (list) {
                if (key == null || answerByKey.putIfAbsent(key, answer) == null) {
                    list.add(new Received(country, body.path("kind").asText("copy"), key, body.path("order").asText(""), now));
                } else {
                    answer = answerByKey.get(key);
                }
            }
            send(exchange, 202, "application/json", answer);
        }
    }

    /** The same path on another of the outlet's domains: where the outlet puts it back. */
    private Optional<String> rehostTarget(String url) {
        URI uri = URI.create(url);
        return world.outletOf(uri.getHost()).flatMap(outlet -> outlet.domains().stream()
                .filter(domain -> !domain.equals(uri.getHost())).reduce((first, last) -> last)
                .map(domain -> "http://" + domain + "/rehosted" + uri.getPath()));
    }

    private static ObjectNode describe(Notice notice, Instant now) {
        ObjectNode node = JSON.createObjectNode();
        node.put("notice_id", notice.id()).put("provider", notice.provider()).put("url", notice.url())
                .put("kind", notice.kind()).put("received_at", notice.receivedAt().toString())
                .put("status", notice.status(now));
        notice.dueAt().ifPresent(due -> node.put("removal_due_at", due.toString()));
        notice.rehostedTo().ifPresent(to -> node.put("rehosted_to", to));
        if (notice.needsClarification()) {
            node.put("missing", "the exact URL's content description and the legal grounds (Annex III, section B)");
        }
        return node;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Synthetic-Range", "true");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A rendered response body. */
    record Content(String type, byte[] bytes) {
    }

    /** Rendered responses by host, path and publication state, within a byte budget (then no more are kept). */
    private static final class RenderCache {
        private final Map<String, Optional<Content>> entries = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        private final long maxBytes;

        RenderCache(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        Optional<Content> get(String key, java.util.function.Supplier<Optional<Content>> render) {
            Optional<Content> cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
            Optional<Content> rendered = render.get();
            long size = key.length() + rendered.map(c -> c.bytes().length).orElse(0);
            if (bytes.addAndGet(size) <= maxBytes) {
                entries.putIfAbsent(key, rendered);
            } else {
                bytes.addAndGet(-size);
            }
            return rendered;
        }
    }

    @Override
    public void close() {
        servers.values().forEach(server -> server.stop(0));
        tlsServers.values().forEach(server -> server.stop(0));
        if (authorities != null) {
            authorities.stop(0);
        }
        edges.forEach(server -> server.stop(0));
        tlsEdges.forEach(server -> server.stop(0));
        executor.shutdownNow();
    }

    /** Renders one path of a site from the world. */
    static final class SiteContent {
        private SiteContent() {
        }

        static Optional<Content> render(World world, Outlet outlet, String host, String path, int published) {
            boolean primary = host.equals(outlet.primaryDomain());
            try {
                if (primary) {
                    Optional<io.takedown.range.evolution.ChannelSite.Page> channel =
                            io.takedown.range.evolution.ChannelSite.render(world, outlet, published, path);
                    if (channel.isPresent()) {
                        return Optional.of(new Content(channel.get().type(), channel.get().bytes()));
                    }
                    if (path.equals("/") || path.equals("/index.html")) {
                        return html(Channels.index(outlet, latest(world, outlet, published)));
                    }
                    if (path.equals("/feed.xml")) {
                        return Optional.of(new Content("application/rss+xml", utf8(Channels.rss(outlet, latest(world, outlet, published)))));
                    }
                    if (path.equals("/sitemap.xml")) {
                        List<String> urls = new ArrayList<>();
                        for (int n = 0; n < published; n++) {
                            urls.add("http://" + host + "/articles/" + n + ".html");
                        }
                        return Optional.of(new Content("application/xml", utf8(Channels.sitemap(urls))));
                    }
                    Optional<Integer> article = number(path, "/articles/", ".html", published);
                    if (article.isPresent()) {
                        Article a = world.article(outlet, article.get());
                        return html(Channels.articlePage(a, world.copies(a)));
                    }
                    Optional<Integer> media = number(path, "/media/", ".png", published);
                    if (media.isPresent()) {
                        return Optional.of(new Content("image/png",
                                Images.png(Images.original(world, world.article(outlet, media.get())))));
                    }
                }
                if (!primary && path.equals("/sitemap.xml")) {
                    // A mirror lists the copies it carries.
                    List<String> urls = new ArrayList<>();
                    for (int n = 0; n < published; n++) {
                        for (Copy copy : world.copies(world.article(outlet, n))) {
                            if (copy.domain().equals(host)) {
                                urls.add(copy.url());
                            }
                        }
                    }
                    return Optional.of(new Content("application/xml", utf8(Channels.sitemap(urls))));
                }
                if (path.equals("/robots.txt")) {
                    return Optional.of(new Content("text/plain", utf8(Channels.robots(host))));
                }
                if (path.startsWith("/m/") || path.startsWith("/t/")) {
                    String file = path.substring(3);
                    String id = file.substring(0, file.lastIndexOf('.'));
                    Optional<Copy> copy = copy(world, outlet, id, published).filter(c -> c.domain().equals(host));
                    if (copy.isEmpty()) {
                        return Optional.empty();
                    }
                    if (file.endsWith(".html")) {
                        return html(Channels.copyPage(copy.get(), copy.get().image() ? null : world.edited(copy.get())));
                    }
                    if (copy.get().image() && copy.get().mediaUrl().endsWith(file)) {
                        return Optional.of(new Content(file.endsWith(".png") ? "image/png" : "image/jpeg",
                                Images.copy(world, copy.get())));
                    }
                }
                return Optional.empty();
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return Optional.empty();
            }
        }

        private static List<Article> latest(World world, Outlet outlet, int published) {
            List<Article> latest = new ArrayList<>();
            int last = published - 1;
            for (int n = last; n >= Math.max(0, last - RangeExporter.LATEST + 1); n--) {
                latest.add(world.article(outlet, n));
            }
            return latest;
        }

        private static Optional<Copy> copy(World world, Outlet outlet, String id, int published) {
            // o02-a00017-c1
            String[] parts = id.split("-");
            if (parts.length != 3 || !parts[0].equals(outlet.id())) {
                return Optional.empty();
            }
            int number = Integer.parseInt(parts[1].substring(1));
            int copy = Integer.parseInt(parts[2].substring(1));
            if (number >= published) {
                return Optional.empty();
            }
            List<Copy> copies = world.copies(world.article(outlet, number));
            return copy < copies.size() ? Optional.of(copies.get(copy)) : Optional.empty();
        }

        private static Optional<Integer> number(String path, String prefix, String suffix, int published) {
            if (!path.startsWith(prefix) || !path.endsWith(suffix)) {
                return Optional.empty();
            }
            int n = Integer.parseInt(path.substring(prefix.length(), path.length() - suffix.length()));
            return n >= 0 && n < published ? Optional.of(n) : Optional.empty();
        }

        private static Optional<Content> html(String page) {
            return Optional.of(new Content("text/html; charset=utf-8", utf8(page)));
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
