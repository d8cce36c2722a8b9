package io.takedown.infra.observe;

import io.takedown.range.RangeHttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Observes sites by fetching them on loopback through the range's resolver: the home page, a few pages
 * it links to on the same host, and its assets (favicon, stylesheets, scripts, images). A stand-in for the
 * monitor's captures, and the way tests and the range evaluation observe. Never leaves 127.0.0.0/8
 * ({@link RangeHttpClient} refuses anything else).
 *
 * <p>With a TLS trust (the range's authority) it asks for the home page over HTTPS first and records the
 * certificate the site presented, whether or not it names the site (a reused certificate is evidence);
 * a site without HTTPS is observed over HTTP, without a certificate.
 */
public final class LoopbackObserver {

    /** Pages fetched per site besides the home page. */
    public static final int MAX_EXTRA_PAGES = 2;
    /** Assets fetched per site. */
    public static final int MAX_ASSETS = 12;
    /** Pages larger than this are recorded but not parsed for links. */
    public static final int MAX_PARSED_PAGE = 2 << 20;

    private static final Pattern VIA_ACCOUNT = Pattern.compile("\\(account ([^)\\s]+)\\)");

    private final Function<String, Optional<InetSocketAddress>> resolver;
    private final RangeHttpClient client;
    private final boolean tls;
    private final Clock clock;

    /** Observes over plain HTTP only (no certificates). */
    public LoopbackObserver(Function<String, Optional<InetSocketAddress>> resolver, Clock clock) {
        this.resolver = resolver;
        this.client = new RangeHttpClient(resolver);
        this.tls = false;
        this.clock = clock;
    }

    /** Observes over HTTPS where sites offer it, trusting what {@code trust} trusts, and records certificates. */
    public LoopbackObserver(RangeHttpClient.Resolver resolver, SSLContext trust, Clock clock) {
        this.resolver = host -> resolver.resolve(host, false).or(() -> resolver.resolve(host, true));
        this.client = new RangeHttpClient(resolver, trust).recordingNames();
        this.tls = true;
        this.clock = clock;
    }

    /** Observes {@code host}; a site that does not resolve or answer gives an observation with no pages. */
    public SiteObservation observe(String host) {
        Optional<String> address = resolver.apply(host).map(InetSocketAddress::getHostString);
        List<SiteObservation.PageObservation> pages = new ArrayList<>();
        List<SiteObservation.AssetObservation> assets = new ArrayList<>();
        Optional<String> cdn = Optional.empty();
        if (address.isEmpty()) {
            return new SiteObservation(host, clock.instant(), address, cdn, pages, assets, Optional.empty());
        }
        String base = "http://" + host + "/";
        Optional<SiteObservation.CertificateObservation> certificate = Optional.empty();
        try {
            RangeHttpClient.Response home = null;
            if (tls) {
                try {
                    home = client.get("https://" + host + "/");
                    base = "https://" + host + "/";
                    certificate = home.tls().map(LoopbackObserver::certificate);
                } catch (IOException e) {
                    // No HTTPS there (or a broken handshake): the site is still observed over HTTP.
                }
            }
            if (home == null) {
                home = client.get(base);
            }
            pages.add(new SiteObservation.PageObservation(base, home.status(), home.text()));
            String via = home.headers().getOrDefault("via", "");
            Matcher matcher = VIA_ACCOUNT.matcher(via);
            if (matcher.find()) {
                cdn = Optional.of(matcher.group(1));
            }
            Map<String, String> wanted = new LinkedHashMap<>();
            wanted.put(base + "favicon.ico", "favicon");
            List<String> links = new ArrayList<>();
            if (home.status() == 200 && home.body().length <= MAX_PARSED_PAGE) {
                Document document = Jsoup.parse(home.text(), base);
                for (Element link : document.select("link[href]")) {
                    String rel = link.attr("rel").toLowerCase(java.util.Locale.ROOT);
                    String href = link.absUrl("href");
                    if (rel.contains("icon")) {
                        wanted.remove(base + "favicon.ico");
                        wanted.put(href, "favicon");
                    } else if (rel.contains("stylesheet")) {
                        wanted.putIfAbsent(href, "stylesheet");
                    }
                }
                document.select("script[src]").forEach(s -> wanted.putIfAbsent(s.absUrl("src"), "script"));
                document.select("img[src]").forEach(i -> wanted.putIfAbsent(i.absUrl("src"), "image"));
                document.select("a[href]").forEach(a -> links.add(a.absUrl("href")));
            }
            int extra = 0;
            for (String link : links) {
                if (extra >= MAX_EXTRA_PAGES) {
                    break;
                }
                if (sameHost(link, host) && !link.equals(base) && link.endsWith(".html")) {
                    RangeHttpClient.Response page = client.get(link);
                    pages.add(new SiteObservation.PageObservation(link, page.status(), page.text()));
                    extra++;
                }
            }
            int fetched = 0;
            for (Map.Entry<String, String> asset : wanted.entrySet()) {
                if (fetched >= MAX_ASSETS) {
                    break;
                }
                if (!sameHost(asset.getKey(), host)) {
                    continue;
                }
                fetched++;
                RangeHttpClient.Response response = client.get(asset.getKey());
                if (response.status() != 200) {
                    continue;
                }
                boolean favicon = asset.getValue().equals("favicon");
                assets.add(new SiteObservation.AssetObservation(asset.getKey(), asset.getValue(),
                        response.headers().getOrDefault("content-type", ""), response.body().length, sha256(response.body()),
                        favicon ? OptionalInt.of(FaviconHash.of(response.body())) : OptionalInt.empty()));
            }
        } catch (IOException | RuntimeException e) {
            // What was fetched so far stands; an unreachable or broken site is still an observation.
            pages.add(new SiteObservation.PageObservation(base, 0, ""));
        }
        return new SiteObservation(host, clock.instant(), address, cdn, pages, assets, certificate);
    }

    /** The certificate's SHA-256, its public key's (SPKI) SHA-256, and the DNS names it is issued for. */
    static SiteObservation.CertificateObservation certificate(RangeHttpClient.Tls tls) {
        X509Certificate certificate = tls.certificate();
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(name.get(0))) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
            return new SiteObservation.CertificateObservation(sha256(certificate.getEncoded()),
                    sha256(certificate.getPublicKey().getEncoded()), names);
        } catch (CertificateException e) {
            throw new IllegalStateException("a certificate that passed the handshake cannot be encoded", e);
        }
    }

    private static boolean sameHost(String url, String host) {
        try {
            return host.equalsIgnoreCase(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
