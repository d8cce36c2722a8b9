package io.takedown.range;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What outlets publish besides pages: feeds, sitemaps, robots.txt, newsletters (.eml) and extension and
 * app packages (.xpi, .crx, .apk as zip archives with manifests, update URLs and bundled media). All text
 * is escaped; zip entries carry a fixed time so archives are byte-identical across runs.
 */
public final class Channels {

    /** 2026-01-01T00:00:00Z: every archive entry's time, for byte-identical archives. */
    static final long FIXED_TIME = 1_767_225_600_000L;

    private Channels() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String articlePage(Article article, List<Copy> copies) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"").append(article.language()).append("\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(escape(article.title())).append("</title>")
                .append("<meta name=\"generator\" content=\"takedown synthetic range\">")
                .append("<script>var analytics='").append(article.outlet().analyticsId()).append("';</script>")
                .append("</head><body>\n<nav><a href=\"/\">").append(escape(article.outlet().name()))
                .append("</a> | <a href=\"/feed.xml\">RSS</a></nav>\n<article id=\"").append(article.id()).append("\">")
                .append("<h1>").append(escape(article.title())).append("</h1>\n<img src=\"/media/")
                .append(article.number()).append(".png\" alt=\"synthetic image\">\n<p>")
                .append(escape(article.text())).append("</p></article>\n");
        if (!copies.isEmpty()) {
            html.append("<aside>Mirrors:<ul>");
            for (Copy copy : copies) {
                html.append("<li><a href=\"").append(copy.url()).append("\">").append(copy.domain()).append("</a></li>");
            }
            html.append("</ul></aside>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    public static String copyPage(Copy copy, String text) {
        Article a = copy.original();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"" + a.language()
                + "\"><head><meta charset=\"utf-8\"><title>" + escape(a.title()) + "</title></head><body>\n");
        if (copy.image()) {
            html.append("<img src=\"").append(copy.mediaUrl().substring(("http://" + copy.domain()).length()))
                    .append("\" alt=\"synthetic image\">\n");
        } else {
            html.append("<p>").append(escape(text)).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    public static String index(Outlet outlet, List<Article> latest) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                + escape(outlet.name()) + "</title>"
                + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
                + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\"></head><body>\n"
                + "<nav><a href=\"/newsletters/\">Newsletters</a> | <a href=\"/downloads/\">Apps</a></nav>\n<h1>"
                + escape(outlet.name())
                + "</h1>\n<p>" + Texts.MARK + "</p>\n<ul>\n");
        for (Article article : latest) {
            html.append("<li><a href=\"/articles/").append(article.number()).append(".html\">")
                    .append(escape(article.title())).append("</a></li>\n");
        }
        return html.append("</ul>\n<a href=\"/sitemap.xml\">sitemap</a></body></html>\n").toString();
    }

    public static String rss(Outlet outlet, List<Article> latest) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>" + escape(outlet.name()) + "</title><link>http://" + outlet.primaryDomain() + "/</link>"
                + "<description>" + Texts.MARK + "</description>\n");
        for (Article article : latest) {
            xml.append("<item><title>").append(escape(article.title())).append("</title><link>").append(article.url())
                    .append("</link><guid>").append(article.id()).append("</guid><enclosure url=\"")
                    .append(article.imageUrl()).append("\" type=\"image/png\"/></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    public static String sitemap(List<String> urls) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String url : urls) {
            xml.append("<url><loc>").append(escape(url)).append("</loc></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }

    public static String robots(String domain) {
        return "User-agent: *\nAllow: /\nSitemap: http://" + domain + "/sitemap.xml\n";
    }

    public static String newsletter(Outlet outlet, int issue, List<Article> articles) {
        StringBuilder mail = new StringBuilder();
        mail.append("From: ").append(outlet.name()).append(" <").append(outlet.newsletterAddress()).append(">\r\n")
                .append("To: subscribers@range.test\r\n")
                .append("Subject: ").append(outlet.name()).append(" issue ").append(issue).append("\r\n")
                .append("Date: Thu, 1 Jan 2026 00:00:00 +0000\r\n")
                .append("Message-ID: <").append(outlet.id()).append("-").append(issue).append("@range.test>\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(Texts.MARK).append("\r\n\r\n");
        for (Article article : articles) {
            mail.append(article.title()).append("\r\n").append(article.url()).append("\r\n\r\n");
        }
        return mail.toString();
    }

    /** A browser extension (.xpi) or app (.apk) package: manifest, update URL, links and the logo. */
    public static byte[] packageArchive(Outlet outlet, String kind, byte[] logoPng, List<Article> latest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            String links = String.join("\n", latest.stream().map(Article::url).toList()) + "\n";
            if (kind.equals("apk")) {
                put(zip, "AndroidManifest.xml", ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<manifest package=\"test.range."
                        + outlet.id() + "\" android:versionName=\"1.0\">\n<application android:label=\""
                        + escape(outlet.name()) + "\"/>\n<!-- " + Texts.MARK + " -->\n</manifest>\n")
                        .getBytes(StandardCharsets.UTF_8));
                put(zip, "res/raw/endpoints.txt", ("http://" + outlet.primaryDomain() + "/feed.xml\n" + links)
                        .getBytes(StandardCharsets.UTF_8));
                put(zip, "assets/logo.png", logoPng);
            } else {
                put(zip, "manifest.json", ("{\"manifest_version\": 2, \"name\": \"" + outlet.name() + "\", \"version\": "
                        + "\"1.0\", \"description\": \"" + Texts.MARK + "\", \"homepage_url\": \"http://"
                        + outlet.primaryDomain() + "/\", \"browser_specific_settings\": {\"gecko\": {\"update_url\": "
                        + "\"http://" + outlet.primaryDomain() + "/updates.json\"}}, \"icons\": {\"48\": \"icons/logo.png\"}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                put(zip, "content/links.txt", links.getBytes(StandardCharsets.UTF_8));
                put(zip, "icons/logo.png", logoPng);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Chrome's CRX3 container: magic, version 3, an empty signed header (range packages are unsigned), zip. */
    public static byte[] crx(byte[] zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Cr24".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {3, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes(zip);
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    public static byte[] logo(Outlet outlet) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(52, 52,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        Images.logo(g, outlet);
        g.dispose();
        return Images.png(image);
    }
}
