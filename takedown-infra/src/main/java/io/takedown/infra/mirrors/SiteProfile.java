package io.takedown.infra.mirrors;

import io.takedown.infra.observe.SiteObservation;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The fingerprints of one observed site that mirror detection compares: tracking IDs, favicon hash,
 * certificate and key, CDN account, asset hashes, the page template as shingles of its DOM structure,
 * and its text as word shingles.
 */
public record SiteProfile(String host, Set<String> analyticsIds, OptionalInt faviconHash, Optional<String> faviconSha256,
                          Optional<String> certificate,
                          Optional<String> key, Optional<String> cdnAccount, Set<String> assets, Set<Long> template,
                          Set<Long> text) {

    /** Google Analytics (UA-, G-), Tag Manager and Yandex counters, as they appear in page source. */
    private static final Pattern TRACKING = Pattern.compile(
            "\\b(UA-\\d{4,10}-\\d{1,4}|G-[A-Z0-9]{6,12}|GTM-[A-Z0-9]{4,10}|ym\\(\\d{5,10})");
    /** Consecutive structure tokens per template shingle. */
    static final int TEMPLATE_SHINGLE = 4;
    /** Words per text shingle. */
    static final int TEXT_SHINGLE = 5;
    /** Text considered per page, so a huge page cannot blow up a profile. */
    static final int MAX_TEXT = 200_000;

    public static SiteProfile of(SiteObservation site) {
        Set<String> analytics = new LinkedHashSet<>();
        Set<Long> template = new HashSet<>();
        Set<Long> text = new HashSet<>();
        List<SiteObservation.PageObservation> pages = site.pages().stream().filter(p -> p.status() == 200).toList();
        for (int i = 0; i < pages.size(); i++) {
            String html = pages.get(i).html();
            Matcher matcher = TRACKING.matcher(html.length() > MAX_TEXT ? html.substring(0, MAX_TEXT) : html);
            while (matcher.find()) {
                analytics.add(matcher.group(1));
            }
            Document document = Jsoup.parse(html.length() > MAX_TEXT ? html.substring(0, MAX_TEXT) : html);
            if (i == 0) {
                template.addAll(structure(document)); // the home page is the template's face
            }
            text.addAll(words(document.body() == null ? "" : document.body().text()));
        }
        OptionalInt favicon = site.assets().stream().filter(a -> a.kind().equals("favicon") && a.faviconHash().isPresent())
                .mapToInt(a -> a.faviconHash().getAsInt()).findFirst();
        Optional<String> faviconSha = site.assets().stream().filter(a -> a.kind().equals("favicon"))
                .map(SiteObservation.AssetObservation::sha256).findFirst();
        // Every asset by its bytes, the favicon too: a logo image on one site may be the favicon of another.
        Set<String> assets = new LinkedHashSet<>();
        site.assets().forEach(a -> assets.add(a.sha256()));
        return new SiteProfile(site.host(), analytics, favicon, faviconSha,
                site.certificate().map(SiteObservation.CertificateObservation::sha256),
                site.certificate().map(SiteObservation.CertificateObservation::spkiSha256), site.cdnAccount(), assets,
                template, text);
    }

    /** Shingles of the element sequence: tag and sorted classes, no text, in document order. */
    static Set<Long> structure(Document document) {
        List<String> tokens = document.getAllElements().stream().map(SiteProfile::token).toList();
        Set<Long> shingles = new HashSet<>();
        for (int i = 0; i + TEMPLATE_SHINGLE <= tokens.size(); i++) {
            shingles.add(hash(String.join(" ", tokens.subList(i, i + TEMPLATE_SHINGLE))));
        }
        return shingles;
    }

    private static String token(Element element) {
        List<String> classes = element.classNames().stream().sorted().toList();
        return element.tagName() + (classes.isEmpty() ? "" : "." + String.join(".", classes));
    }

    static Set<Long> words(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> kept = java.util.Arrays.stream(words).filter(w -> !w.isEmpty()).toList();
        Set<Long> shingles = new HashSet<>();
        for (int i = 0; i + TEXT_SHINGLE <= kept.size(); i++) {
            shingles.add(hash(String.join(" ", kept.subList(i, i + TEXT_SHINGLE))));
        }
        return shingles;
    }

    /** 64-bit FNV-1a: stable across runs and machines, unlike {@code String.hashCode} collisions at 32 bits. */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
