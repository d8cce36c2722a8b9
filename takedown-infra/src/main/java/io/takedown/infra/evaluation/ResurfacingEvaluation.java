package io.takedown.infra.evaluation;

import io.takedown.infra.observe.ContentCrawler;
import io.takedown.infra.resurfacing.ContentMatcher;
import io.takedown.infra.resurfacing.Removal;
import io.takedown.infra.resurfacing.ResurfacingAlert;
import io.takedown.infra.resurfacing.ResurfacingWatch;
import io.takedown.range.Article;
import io.takedown.range.Copy;
import io.takedown.range.Images;
import io.takedown.range.Notice;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeHttpClient;
import io.takedown.range.RangeServer;
import io.takedown.range.World;
import io.takedown.range.infra.InfraSimulation;
import io.takedown.range.infra.Resurfaced;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.text.TextSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Removal orders for a few articles of each outlet are sent to the range's providers; what they remove is
 * tracked; the outlets put content back per their strategies; a crawl cycle runs every {@link #CYCLE} of
 * range time over every site the range runs. Each return in the ground truth should raise an alert at the
 * first cycle after it.
 */
public final class ResurfacingEvaluation {

    /** Range time between crawl cycles. */
    public static final Duration CYCLE = Duration.ofHours(1);
    /** How long the range runs after the orders. */
    public static final Duration SPAN = Duration.ofHours(48);
    /** Articles per outlet ordered removed, each with its first image copy on a mirror. */
    static final int ORDERS_PER_OUTLET = 3;

    private ResurfacingEvaluation() {
    }

    public static ResurfacingFigures run(World world, ResurfacingWatch watch, Supplier<ContentMatcher> matcher) {
        RangeClock clock = RangeClock.manual(WeakPointEvaluation.STRIKE);
        try (RangeServer server = new RangeServer(world, clock).start()) {
            InfraSimulation infra = server.infrastructure();
            ContentCrawler crawler = new ContentCrawler(server::resolve, clock);
            RangeHttpClient client = new RangeHttpClient(server::resolve);
            crawler.cycle(hosts(infra, clock.instant())); // what exists before any removal
            // Orders for articles on each outlet's main domain and for image copies on its mirrors.
            Map<String, Long> orderOfUrl = new LinkedHashMap<>();
            Map<String, Map<String, String>> signalsOfUrl = new LinkedHashMap<>();
            for (Outlet outlet : world.outlets()) {
                for (int n = 0; n < ORDERS_PER_OUTLET; n++) {
                    Article article = world.article(outlet, n);
                    signalsOfUrl.put(article.url(), signals(world, article));
                    Copy copy = world.copies(article).getFirst();
                    signalsOfUrl.put(copy.url(), signals(Images.copy(world, copy), copy.id(), Optional.empty()));
                }
            }
            for (String url : signalsOfUrl.keySet()) {
                String provider = infra.site(URI.create(url).getHost(), clock.instant()).orElseThrow().provider();
                long order = orderOfUrl.size() + 1;
                RangeHttpClient.Response answer = client.post(server.noticeEndpoint(provider).toString(), "application/json",
                        ("{\"url\":\"" + url + "\",\"kind\":\"order\",\"reference\":\"eval-" + order + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
                if (answer.status() != 202) {
                    throw new IllegalStateException("the range refused a notice: " + answer.status());
                }
                orderOfUrl.put(url, order);
            }
            Map<String, Notice> byUrl = new HashMap<>();
            server.notices().values().forEach(n -> byUrl.put(n.url(), n));
            int removals = 0;
            for (Map.Entry<String, Map<String, String>> item : signalsOfUrl.entrySet()) {
                Notice notice = byUrl.get(item.getKey());
                if (notice == null || notice.dueAt().isEmpty()) {
                    continue; // ignored or waiting for clarification: nothing was removed
                }
                String outlet = world.outletOf(URI.create(item.getKey()).getHost()).map(Outlet::id).orElse("");
                watch.track(new Removal(orderOfUrl.get(item.getKey()), item.getKey(), outlet, notice.provider(),
                        notice.dueAt().get(), item.getValue()), "evaluation");
                removals++;
            }
            ContentMatcher matching = matcher.get();
            Instant end = clock.instant().plus(SPAN);
            List<ResurfacingAlert> alerts = new ArrayList<>();
            while (clock.instant().isBefore(end)) {
                clock.advance(CYCLE);
                alerts.addAll(watch.check(crawler.cycle(hosts(infra, clock.instant())), matching));
            }
            return score(world, infra.resurfaced(clock.instant()), alerts, orderOfUrl, removals, watch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the range", e);
        }
    }

    private static List<String> hosts(InfraSimulation infra, Instant at) {
        return infra.stateAt(at).sites().keySet().stream().sorted().toList();
    }

    /** The signals an analyst's item would carry for an article: its image's PDQ and digest, its text. */
    static Map<String, String> signals(World world, Article article) {
        return signals(Images.png(Images.original(world, article)), article.id(), Optional.of(article.text()));
    }

    static Map<String, String> signals(byte[] image, String name, Optional<String> text) {
        PdqResult pdq = new PdqImageHashing().hash(new ImageDecoder().decode(image, name));
        Map<String, String> signals = new LinkedHashMap<>();
        signals.put("pdq", pdq.hash().toHex());
        signals.put("sha256", io.takedown.core.Hex.encode(sha256(image)));
        text.ifPresent(t -> signals.put("text", new TextSignal().hash(t).value()));
        return signals;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResurfacingFigures score(World world, List<Resurfaced> truth, List<ResurfacingAlert> alerts,
                                    Map<String, Long> orderOfUrl, int removals, ResurfacingWatch watch) {
        List<Duration> delays = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int within = 0;
        List<ResurfacingAlert> explained = new ArrayList<>();
        for (Resurfaced back : truth) {
            Long order = orderOfUrl.get(back.removedUrl());
            List<ResurfacingAlert> hits = alerts.stream().filter(a -> order != null && a.orderId() == order
                    && (a.url().equals(back.url()) || a.url().equals(back.mediaUrl()))).toList();
            explained.addAll(hits);
            Instant first = hits.stream().map(ResurfacingAlert::seenAt).min(Instant::compareTo).orElse(null);
            if (first == null) {
                missed.add(back.item() + " at " + back.url());
                continue;
            }
            Duration delay = Duration.between(back.at(), first);
            delays.add(delay);
            if (delay.compareTo(CYCLE) <= 0) {
                within++;
            }
        }
        delays.sort(null);
        // An alert at a return's URL under another order is the same content removed twice (an article and a
        // copy of its image): right about the content, so not false. False is an alert where nothing returned.
        java.util.Set<String> returnUrls = new java.util.HashSet<>();
        truth.forEach(back -> {
            returnUrls.add(back.url());
            returnUrls.add(back.mediaUrl());
        });
        List<String> falseAlerts = alerts.stream().filter(a -> !explained.contains(a) && !returnUrls.contains(a.url()))
                .map(a -> "order " + a.orderId() + " at " + a.url()).toList();
        return new ResurfacingFigures(world.seed(), world.size().name(), removals, CYCLE, truth.size(), delays.size(), within,
                falseAlerts.size(), delays.isEmpty() ? Duration.ZERO : delays.get((delays.size() - 1) / 2),
                delays.isEmpty() ? Duration.ZERO : delays.getLast(), missed, falseAlerts, watch.allStats());
    }
}
