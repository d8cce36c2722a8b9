package io.takedown.range;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.nimbusds.jose.JOSEObjectType;
import io.takedown.range.https.HttpsEndpoints;
import io.takedown.range.https.HttpsEndpoints.Answer;
import io.takedown.range.https.HttpsEndpoints.Call;
import io.takedown.range.https.IssuerKeys;
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
 * <p>Plain HTTP uses the JDK's HTTP server on virtual threads: the range is a test fixture, not the product's
 * API, and needs nothing more. HTTPS runs on Jetty ({@link HttpsEndpoints}) because senders need HTTP/2.
 *
 * <p>Each provider and CDN edge also serves its sites over HTTPS ({@link #resolveTls}), each site presenting
 * the certificate the infrastructure model gives it ({@link SiteCertificates}, chosen by SNI), and each
 * provider takes notices over HTTPS ({@link #tlsNoticeEndpoint}) with a certificate for its address, all from
 * the range's own authority ({@link #ca()}), and the competent authorities of the member states take copies of
 * cross-border orders at {@link #authorityEndpoint}. A delivery carrying an {@code Idempotency-Key} is
 * acted on once: a repeat gets the first answer again (HTTP 200) and is only counted
 * ({@link #deliveriesPerKey()}), so a sender that retries after a crash never creates a second notice.
 * Every HTTPS endpoint (a provider's sites and notices on one address, a CDN edge, the authorities) runs on
 * one Jetty server ({@link HttpsEndpoints}: HTTP/2 by ALPN, HTTP/1.1 otherwise).
 *
 * <p>Like a provider's gateway, the range acts only on signed documents it can verify: an order, a procedures
 * notice or a host-state copy must be signed by a key the issuing authority published ({@link #issuerKeys()});
 * anything else is refused with 400 (malformed, wrong type) or 403 (not the issuer's published key), and
 * nothing is recorded.
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
    private final IssuerKeys issuerKeys = new IssuerKeys();
    private HttpsEndpoints https;
    private final Map<String, byte[]> answerByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deliveriesByKey = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> authorityCopies = new ConcurrentHashMap<>();
    private RangeCa ca;

    /** Address the member states' competent authorities listen on (outside the providers' 127.0.10+ block). */
    public static final String AUTHORITY_ADDRESS = "127.0.9.1";

    /** Something an authority received: the kind, the idempotency key, the JWS and when. */
    public record Received(String country, String kind, String idempotencyKey, String body, Instant at) {
    }
    private final Map<String, HttpServer> byAddress = new ConcurrentHashMap<>();
    /** HTTPS endpoint name (in {@link #https}) per loopback address. */
    private final Map<String, String> tlsByAddress = new ConcurrentHashMap<>();
    private final List<HttpServer> edges = new ArrayList<>();
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
        https = new HttpsEndpoints(world.providers().size() + Infrastructure.CDN_OPERATORS.size() + 1);
        for (Provider provider : world.providers()) {
            // One HTTPS endpoint per provider: its sites by SNI with their own certificates, and its notice
            // endpoint under a certificate for its address (a client naming no site gets that one).
            https.add(provider.id(), provider.address(), siteCertificates.serverContext(ca.issue(
                    List.of(provider.address()))), call -> call.path().startsWith(NOTICE_PATH)
                    ? notice(provider, call, true) : site(provider.id(), call.host(), call.path()));
            tlsByAddress.put(provider.address(), provider.id());
        }
        for (String[] operator : Infrastructure.CDN_OPERATORS) {
            // A CDN edge presents each fronted site's own certificate (uploaded by its operator).
            String name = "cdn " + operator[0];
            https.add(name, operator[1], siteCertificates.serverContext(ca.issue(List.of(operator[1]))),
                    call -> edge(operator[0], call.host(), call.path()));
            tlsByAddress.put(operator[1], name);
        }
        https.add(AUTHORITY_ADDRESS, AUTHORITY_ADDRESS, ca.serverContext(List.of(AUTHORITY_ADDRESS)), this::authority);
        https.start();
        return this;
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
        return infra.address(domain, clock.instant()).map(tlsByAddress::get).map(https::address);
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
        InetSocketAddress address = https.address(providerId);
        return URI.create("https://" + address.getHostString() + ":" + address.getPort() + NOTICE_PATH);
    }

    /** Where the competent authority of member state {@code country} takes copies of orders (HTTPS). */
    public URI authorityEndpoint(String country) {
        InetSocketAddress address = https.address(AUTHORITY_ADDRESS);
        return URI.create("https://" + address.getHostString() + ":" + address.getPort() + "/authority/"
                + country.toUpperCase(Locale.ROOT) + "/orders");
    }

    /**
     * The issuing authorities' published keys the providers and authorities check signed documents against:
     * publish a JWK Set or a key, or point it at a Takedown data directory's agency keys.
     */
    public IssuerKeys issuerKeys() {
        return issuerKeys;
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
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(HttpsEndpoints.MAX_BODY);
                }
                send(exchange, notice(provider, new Call(exchange.getRequestMethod(), host(exchange), path,
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Idempotency-Key")), body), false));
                return;
            }
            send(exchange, site(provider.id(), host(exchange), path));
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", ("range error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void handleEdge(String operator, HttpExchange exchange) throws IOException {
        try (exchange) {
            send(exchange, edge(operator, host(exchange), exchange.getRequestURI().getPath()));
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", ("range error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A CDN edge: serves a fronted site as its origin would, and says so in {@code Via}. */
    private Answer edge(String operator, String host, String path) {
        Optional<Site> site = infra.site(host, clock.instant()).filter(s -> s.cdnAccount().isPresent());
        if (site.isEmpty()) {
            return answer(421, "text/plain", "not fronted here: " + host + "\n");
        }
        return site(site.get().provider(), host, path).withHeader("Via", "1.1 " + operator.toLowerCase(
                java.util.Locale.ROOT).replace(' ', '-') + " (account " + site.get().cdnAccount().get() + ")");
    }

    private static String host(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("").replaceFirst(":\\d+$", "");
    }

    /** A site as its provider serves it, whatever the protocol: {@code host} is the name the client asked for. */
    private Answer site(String providerId, String host, String path) {
        Instant now = clock.instant();
        Optional<Site> site = infra.site(host, now);
        if (site.isEmpty() || !site.get().provider().equals(providerId)) {
            return answer(421, "text/plain", ("not hosted here: " + host + "\n"));
        }
        if (infra.hostingDown(host, now)) {
            return answer(410, "text/plain", "site removed by its host\n");
        }
        Optional<Outlet> outlet = world.outletOf(host);
        String url = "http://" + host + path;
        Notice notice = noticeByUrl.get(url);
        if (notice != null && notice.status(now).equals("removed")) {
            return answer(410, "text/plain", "removed after a notice\n");
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
            return answer(404, "text/plain", "not found\n");
        }
        return new Answer(200, content.get().type(), content.get().bytes());
    }

    /**
     * A notice to a provider. Over HTTPS (the provider's gateway) an order or procedures notice must be a signed
     * document that verifies; the plain-HTTP endpoint is the range's own shortcut for simulations and takes
     * unsigned notices, but checks a signed document when one is given.
     */
    private Answer notice(Provider provider, Call call, boolean gateway) throws IOException {
        Instant now = clock.instant();
        String path = call.path();
        if (call.method().equals("OPTIONS")) {
            return answer(204, "text/plain", ""); // a sender opening its connection before H-hour
        }
        if (call.method().equals("GET")) {
            String id = path.substring(Math.min(path.length(), NOTICE_PATH.length() + 1));
            Notice notice = notices.get(id);
            if (notice == null || !notice.provider().equals(provider.id())) {
                return answer(404, "application/json", "{\"error\":\"no such notice\"}");
            }
            return new Answer(200, "application/json", JSON.writeValueAsBytes(describe(notice, now)));
        }
        if (!call.method().equals("POST")) {
            return answer(405, "text/plain", "use POST\n");
        }
        JsonNode body;
        try {
            body = JSON.readTree(call.body());
        } catch (IOException e) {
            return answer(400, "application/json", "{\"error\":\"body is not JSON\"}");
        }
        if (body == null || !body.isObject()) {
            return answer(400, "application/json", "{\"error\":\"body is not a JSON object\"}");
        }
        String kind = body.path("kind").asText("referral");
        String url = body.path("url").asText("");
        boolean signedKind = kind.equals("order") || kind.equals("procedures");
        JsonNode signed = null;
        if (body.hasNonNull("order") || (gateway && signedKind)) {
            // What the provider acts on is what is signed, by the issuing authority's published key.
            try {
                signed = issuerKeys.check(body.path("order").asText(""), kind.equals("procedures") ? PROCEDURES : ORDER);
            } catch (IssuerKeys.Refused refused) {
                return refusal(refused);
            }
            url = signed.path("urls").path(0).asText("");
        }
        String key = call.idempotencyKey().orElse(null);
        if (key != null) {
            deliveriesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            byte[] first = answerByKey.get(key);
            if (first != null) {
                return new Answer(200, "application/json", first);
            }
        }
        if (kind.equals("procedures")) {
            byte[] answer = JSON.writeValueAsBytes(JSON.createObjectNode().put("kind", "procedures")
                    .put("provider", provider.id()).put("received_at", now.toString()));
            remember(key, answer);
            return new Answer(202, "application/json", answer);
        }
        if (url.isEmpty()) {
            return answer(400, "application/json", "{\"error\":\"url is required\"}");
        }
        byte[] answer;
        synchronized (this) {
            byte[] raced = key == null ? null : answerByKey.get(key);
            if (raced != null) {
                return new Answer(200, "application/json", raced);
            }
            Notice notice = react(provider, body, kind, url, now);
            notices.put(notice.id(), notice);
            noticeByUrl.put(url, notice);
            notice.dueAt().ifPresent(due -> infra.removalScheduled(notice.url(), provider.id(), due, notice.rehostedTo()));
            answer = JSON.writeValueAsBytes(describe(notice, now));
            remember(key, answer);
        }
        return new Answer(202, "application/json", answer);
    }

    private static final JOSEObjectType ORDER = new JOSEObjectType("tco-order+jws");
    private static final JOSEObjectType PROCEDURES = new JOSEObjectType("tco-procedures+jws");

    private static Answer refusal(IssuerKeys.Refused refused) throws IOException {
        return new Answer(refused.status(), "application/json", JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("error", "refused: " + refused.getMessage())));
    }

    private static Answer answer(int status, String type, String body) {
        return new Answer(status, type, body.getBytes(StandardCharsets.UTF_8));
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

    private Answer authority(Call call) throws IOException {
        String[] path = call.path().split("/");
        if (call.method().equals("OPTIONS")) {
            return answer(204, "text/plain", "");
        }
        if (!call.method().equals("POST") || path.length != 4 || !path[1].equals("authority")
                || !path[2].matches("[A-Z]{2}")) {
            return answer(404, "application/json", "{\"error\":\"POST /authority/CC/orders\"}");
        }
        String country = path[2];
        JsonNode body;
        try {
            body = JSON.readTree(call.body());
        } catch (IOException e) {
            return answer(400, "application/json", "{\"error\":\"body is not JSON\"}");
        }
        if (body == null || !body.isObject()) {
            return answer(400, "application/json", "{\"error\":\"body is not a JSON object\"}");
        }
        try {
            issuerKeys.check(body.path("order").asText(""), ORDER);
        } catch (IssuerKeys.Refused refused) {
            return refusal(refused);
        }
        Instant now = clock.instant();
        String key = call.idempotencyKey().orElse(null);
        if (key != null) {
            deliveriesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            byte[] first = answerByKey.get(key);
            if (first != null) {
                return new Answer(200, "application/json", first);
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
        return new Answer(202, "application/json", answer);
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

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        send(exchange, answer.status(), answer.type(), answer.body());
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
        if (https != null) {
            https.close();
        }
        edges.forEach(server -> server.stop(0));
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
