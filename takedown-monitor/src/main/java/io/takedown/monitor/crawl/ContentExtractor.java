package io.takedown.monitor.crawl;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import io.takedown.signals.hashing.MediaTypeSniffer;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Reads fetched documents: names what they are from their bytes (the common signatures first, then Tika),
 * then pulls links and media out of HTML (jsoup), items and enclosures out of RSS and Atom feeds, URLs out
 * of sitemaps. A document that does not parse yields no links, never an exception: the capture is evidence
 * either way.
 */
public final class ContentExtractor {

    /** Text fingerprinted per page, at most; longer pages are archives, not posts. */
    static final int MAX_TEXT_CHARS = 1 << 20;

    private final MediaTypeSniffer sniffer = new MediaTypeSniffer();

    // Queries parsed once: parsing a selector per page costs about as much as running it.
    private static final Evaluator ANCHORS = QueryParser.parse("a[href], area[href]");
    private static final Evaluator MEDIA = QueryParser.parse(
            "img[src], video[src], audio[src], source[src], embed[src], video[poster]");
    private static final Evaluator SRCSETS = QueryParser.parse("img[srcset], source[srcset]");
    private static final Evaluator LINK_ELEMENTS = QueryParser.parse("link[href]");
    private static final Evaluator FRAMES = QueryParser.parse("iframe[src]");

    public Extracted extract(URI uri, String declaredType, byte[] body, String via) {
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        String name = path.substring(path.lastIndexOf('/') + 1);
        String sniffed = FirstBytes.sniff(body, declaredType).orElseGet(() -> sniff(body, name));
        String type = sniffed.equals("application/octet-stream") || sniffed.equals("text/plain")
                ? (declaredType.isEmpty() ? sniffed : declaredType) : sniffed;
        try {
            if (via.equals("sitemap") || path.endsWith("sitemap.xml") || isSitemapXml(body)) {
                return sitemap(uri, body, type);
            }
            if (isFeed(type, body)) {
                return feed(uri, body, type);
            }
            if (type.contains("html")) {
                return html(uri, body, type);
            }
        } catch (RuntimeException | java.io.IOException e) {
            return new Extracted("other", type, List.of(), Optional.empty(), 0);
        }
        if (type.startsWith("image/")) {
            return new Extracted("image", type, List.of(), Optional.empty(), 0);
        }
        if (name.endsWith(".eml") || name.endsWith(".mbox") || type.equals("message/rfc822")) {
            return new Extracted("mail", type.equals("message/rfc822") ? type : "message/rfc822", List.of(),
                    Optional.empty(), 0);
        }
        if (name.endsWith(".crx") || name.endsWith(".xpi") || name.endsWith(".apk")) {
            return new Extracted("package", type, List.of(), Optional.empty(), 0);
        }
        if (type.startsWith("text/plain")) {
            String text = new String(body, StandardCharsets.UTF_8);
            return new Extracted("text", type, List.of(), Optional.of(clip(text)), 0);
        }
        return new Extracted("other", type, List.of(), Optional.empty(), 0);
    }

    private String sniff(byte[] body, String name) {
        int n = Math.min(body.length, MediaTypeSniffer.PREFIX_BYTES);
        byte[] prefix = java.util.Arrays.copyOf(body, n);
        return sniffer.sniff(prefix, n, name);
    }

    private static boolean isSitemapXml(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8);
        return head.contains("<urlset") || head.contains("<sitemapindex");
    }

    private static boolean isFeed(String type, byte[] body) {
        if (type.contains("rss") || type.contains("atom")) {
            return true;
        }
        if (!type.contains("xml")) {
            return false;
        }
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.UTF_8);
        return head.contains("<rss") || head.contains("<feed");
    }

    private static Extracted html(URI uri, byte[] body, String type) {
        Document document = Jsoup.parse(new String(body, StandardCharsets.UTF_8), uri.toString());
        List<Link> links = new ArrayList<>();
        for (Element a : document.select(ANCHORS)) {
            add(links, a.absUrl("href"), download(a.attr("href")) ? "download" : "link");
        }
        for (Element media : document.select(MEDIA)) {
            add(links, media.absUrl(media.hasAttr("src") ? "src" : "poster"), "media");
        }
        for (Element img : document.select(SRCSETS)) {
            for (String candidate : img.attr("srcset").split(",")) {
                String url = candidate.trim().split("\\s+")[0];
                if (!url.isEmpty()) {
                    add(links, resolve(uri, url), "media");
                }
            }
        }
        for (Element link : document.select(LINK_ELEMENTS)) {
            String rel = link.attr("rel").toLowerCase(Locale.ROOT);
            String linkType = link.attr("type").toLowerCase(Locale.ROOT);
            if (linkType.contains("rss") || linkType.contains("atom")) {
                add(links, link.absUrl("href"), "feed");
            } else if (rel.contains("icon") || rel.contains("stylesheet")) {
                add(links, link.absUrl("href"), "media");
            }
        }
        for (Element frame : document.select(FRAMES)) {
            add(links, frame.absUrl("src"), "link");
        }
        String text = document.body() == null ? "" : document.body().text();
        return new Extracted("html", type, links, text.isBlank() ? Optional.empty() : Optional.of(clip(text)), 0);
    }

    private static boolean download(String href) {
        String h = href.toLowerCase(Locale.ROOT);
        return h.endsWith(".crx") || h.endsWith(".xpi") || h.endsWith(".apk") || h.endsWith(".eml") || h.endsWith(".mbox");
    }

    private static Extracted feed(URI uri, byte[] body, String type) {
        Document xml = Jsoup.parse(new String(body, StandardCharsets.UTF_8), uri.toString(), Parser.xmlParser());
        List<Link> links = new ArrayList<>();
        int items = 0;
        boolean atom = !xml.select("feed").isEmpty() && xml.select("rss").isEmpty();
        if (atom) {
            for (Element entry : xml.select("entry")) {
                items++;
                for (Element link : entry.select("link[href]")) {
                    String rel = link.attr("rel");
                    add(links, resolve(uri, link.attr("href")), rel.equals("enclosure") ? "media" : "feed-item");
                }
            }
        } else {
            for (Element item : xml.select("item")) {
                items++;
                for (Element link : item.select("link")) {
                    add(links, resolve(uri, link.text().trim()), "feed-item");
                }
                for (Element enclosure : item.select("enclosure[url], media|content[url]")) {
                    add(links, resolve(uri, enclosure.attr("url")), "media");
                }
            }
        }
        return new Extracted(atom ? "atom" : "rss", type, links, Optional.empty(), items);
    }

    private static Extracted sitemap(URI uri, byte[] body, String type) throws java.io.IOException {
        SiteMapParser parser = new SiteMapParser(false);
        List<Link> links = new ArrayList<>();
        try {
            AbstractSiteMap map = parser.parseSiteMap(body, new URL(uri.toString()));
            if (map instanceof SiteMapIndex index) {
                for (AbstractSiteMap child : index.getSitemaps()) {
                    add(links, child.getUrl().toString(), "sitemap");
                }
            } else if (map instanceof SiteMap site) {
                for (SiteMapURL url : site.getSiteMapUrls()) {
                    add(links, url.getUrl().toString(), "link");
                }
            }
        } catch (crawlercommons.sitemaps.UnknownFormatException e) {
            return new Extracted("other", type, List.of(), Optional.empty(), 0);
        }
        return new Extracted("sitemap", type, links, Optional.empty(), 0);
    }

    private static String resolve(URI base, String href) {
        try {
            return base.resolve(href.trim()).toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void add(List<Link> links, String url, String via) {
        if (url == null || url.isEmpty()) {
            return;
        }
        int hash = url.indexOf('#');
        String clean = hash >= 0 ? url.substring(0, hash) : url;
        if (clean.regionMatches(true, 0, "http://", 0, 7)) {
            links.add(new Link(clean, via));
        }
    }

    static String clip(String text) {
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }
}
