package io.takedown.infra.observe;

import io.takedown.infra.resurfacing.ContentCapture;
import io.takedown.range.RangeHttpClient;
import io.takedown.signals.Signal;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.text.TextSignal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A crawl cycle over sites on loopback, for resurfacing until the monitor's captures feed it: each home
 * page again, then every same-host page and image it links to that was not captured before, with their
 * signals (PDQ and SHA-256 of images, the text fingerprint of pages). A URL that answered with an error
 * is tried again next cycle: removed content may come back at the same place. Not thread-safe.
 */
public final class ContentCrawler {

    /** Pages and images fetched per host per cycle at most. */
    public static final int MAX_PER_HOST = 400;
    /** Page text shorter than this is not fingerprinted (menus, error pages). */
    static final int MIN_TEXT = 80;

    private final Function<String, Optional<InetSocketAddress>> resolver;
    private final RangeHttpClient client;
    private final Clock clock;
    private final Set<String> captured = new HashSet<>();
    private final ImageDecoder decoder = new ImageDecoder();
    private final PdqImageHashing pdq = new PdqImageHashing();
    private final TextSignal text = new TextSignal();

    public ContentCrawler(Function<String, Optional<InetSocketAddress>> resolver, Clock clock) {
        this.resolver = resolver;
        this.client = new RangeHttpClient(resolver);
        this.clock = clock;
    }

    /** One cycle over {@code hosts}: what was captured for the first time. */
    public List<ContentCapture> cycle(List<String> hosts) {
        List<ContentCapture> out = new ArrayList<>();
        for (String host : hosts) {
            Optional<String> address = resolver.apply(host).map(InetSocketAddress::getHostString);
            if (address.isEmpty()) {
                continue;
            }
            Set<String> queue = new LinkedHashSet<>();
            queue.add("http://" + host + "/");
            Set<String> done = new HashSet<>();
            int fetched = 0;
            while (!queue.isEmpty() && fetched < MAX_PER_HOST) {
                String url = queue.iterator().next();
                queue.remove(url);
                if (!done.add(url)) {
                    continue;
                }
                boolean home = url.equals("http://" + host + "/");
                if (!home && captured.contains(url)) {
                    continue;
                }
                fetched++;
                try {
                    RangeHttpClient.Response response = client.get(url);
                    if (response.status() != 200) {
                        continue;
                    }
                    String type = response.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
                    if (type.startsWith("image/")) {
                        captured.add(url);
                        image(url, host, address, response.body()).ifPresent(out::add);
                    } else if (type.startsWith("text/html")) {
                        Document document = Jsoup.parse(response.text(), url);
                        if (!home) {
                            captured.add(url);
                            String body = document.body() == null ? "" : document.body().text();
                            if (body.length() >= MIN_TEXT) {
                                out.add(new ContentCapture(url, host, address, clock.instant(),
                                        List.of(text.hash(body))));
                            }
                        }
                        document.select("a[href]").forEach(a -> enqueue(queue, a.absUrl("href"), host));
                        document.select("img[src]").forEach(i -> enqueue(queue, i.absUrl("src"), host));
                    }
                } catch (IOException | RuntimeException e) {
                    // A broken page or image is skipped this cycle and tried again next time.
                }
            }
        }
        return out;
    }

    private static void enqueue(Set<String> queue, String url, String host) {
        try {
            URI uri = URI.create(url);
            if (host.equalsIgnoreCase(uri.getHost()) && uri.getRawQuery() == null) {
                queue.add(url.replaceFirst("#.*$", ""));
            }
        } catch (IllegalArgumentException e) {
            // not a URL we follow
        }
    }

    private Optional<ContentCapture> image(String url, String host, Optional<String> address, byte[] bytes) {
        List<Signal> signals = new ArrayList<>();
        signals.add(Signal.of("sha256", LoopbackObserver.sha256(bytes)));
        try {
            PdqResult hash = pdq.hash(decoder.decode(bytes, url));
            signals.add(new Signal("pdq", hash.hash().toHex(), java.util.OptionalInt.of(hash.quality())));
        } catch (RuntimeException e) {
            // Not a decodable image: the digest still identifies exact copies.
        }
        return Optional.of(new ContentCapture(url, host, address, clock.instant(), signals));
    }
}
