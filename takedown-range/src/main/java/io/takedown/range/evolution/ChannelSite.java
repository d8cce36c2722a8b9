package io.takedown.range.evolution;

import io.takedown.range.Article;
import io.takedown.range.Channels;
import io.takedown.range.Outlet;
import io.takedown.range.World;
import io.takedown.range.packages.RangePackages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The channels an outlet's primary site serves beside its pages, as of a number of published articles:
 * an Atom feed, the newsletter archive (an index, each issue as .eml, and all issues as one mbox, issues
 * carrying the outlet's logo as an attachment), and the downloads page with the browser extension (.xpi,
 * .crx with a CRX3 header) and the Android app (.apk with a binary manifest).
 */
public final class ChannelSite {

    /** Articles per feed, as the exporter uses. */
    public static final int LATEST = 20;
    /** Articles per newsletter issue. */
    public static final int ISSUE = 10;
    static final String MARK = "[SYNTHETIC RANGE CONTENT]";

    private ChannelSite() {
    }

    /** A rendered response. */
    public record Page(String type, byte[] bytes) {
    }

    /** The page for {@code path} on the outlet's primary domain, or empty when the path is not a channel. */
    public static Optional<Page> render(World world, Outlet outlet, int published, String path) {
        int issues = published / ISSUE;
        switch (path) {
            case "/atom.xml":
                return Optional.of(new Page("application/atom+xml", utf8(atom(outlet, latest(world, outlet, published)))));
            case "/newsletters/", "/newsletters/index.html": {
                StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                        + escape(outlet.name()) + " newsletters</title></head><body>\n<h1>Newsletter archive</h1>\n<ul>\n");
                for (int issue = issues; issue >= 1; issue--) {
                    html.append("<li><a href=\"/newsletters/issue-").append(issue).append(".eml\">Issue ").append(issue)
                            .append("</a></li>\n");
                }
                html.append("</ul>\n<a href=\"/newsletters/archive.mbox\">all issues (mbox)</a></body></html>\n");
                return Optional.of(new Page("text/html; charset=utf-8", utf8(html.toString())));
            }
            case "/newsletters/archive.mbox": {
                StringBuilder mbox = new StringBuilder();
                for (int issue = 1; issue <= issues; issue++) {
                    mbox.append("From ").append(outlet.newsletterAddress()).append(" Thu Jan  1 00:00:00 2026\n")
                            .append(issue(world, outlet, issue).replace("\r\n", "\n").replaceAll("(?m)^(>*From )", ">$1"))
                            .append('\n');
                }
                return Optional.of(new Page("application/mbox", utf8(mbox.toString())));
            }
            case "/downloads/", "/downloads/index.html":
                return Optional.of(new Page("text/html; charset=utf-8", utf8("<!DOCTYPE html>\n<html><head><meta charset="
                        + "\"utf-8\"><title>Downloads</title></head><body>\n<h1>" + escape(outlet.name()) + " apps</h1>\n<ul>"
                        + "<li><a href=\"/downloads/extension.xpi\">Firefox extension</a></li>"
                        + "<li><a href=\"/downloads/extension.crx\">Chrome extension</a></li>"
                        + "<li><a href=\"/downloads/app.apk\">Android app</a></li></ul></body></html>\n")));
            case "/downloads/extension.xpi":
                return Optional.of(new Page("application/x-xpinstall", xpi(world, outlet, published)));
            case "/downloads/extension.crx":
                return Optional.of(new Page("application/x-chrome-extension",
                        RangePackages.crx3(outlet, xpi(world, outlet, published))));
            case "/downloads/app.apk":
                return Optional.of(new Page("application/vnd.android.package-archive",
                        RangePackages.apk(outlet, Channels.logo(outlet), latest(world, outlet, published), MARK)));
            default:
                break;
        }
        if (path.startsWith("/newsletters/issue-") && path.endsWith(".eml")) {
            try {
                int issue = Integer.parseInt(path.substring("/newsletters/issue-".length(), path.length() - 4));
                if (issue >= 1 && issue <= issues) {
                    return Optional.of(new Page("message/rfc822", utf8(issue(world, outlet, issue))));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** URLs of every channel document of an outlet at {@code published} articles (ground truth). */
    public static List<String> urls(Outlet outlet, int published) {
        String base = "http://" + outlet.primaryDomain();
        List<String> urls = new ArrayList<>(List.of(base + "/atom.xml", base + "/newsletters/", base
                + "/newsletters/archive.mbox", base + "/downloads/", base + "/downloads/extension.xpi", base
                + "/downloads/extension.crx", base + "/downloads/app.apk"));
        for (int issue = 1; issue <= published / ISSUE; issue++) {
            urls.add(base + "/newsletters/issue-" + issue + ".eml");
        }
        return urls;
    }

    /** The newest {@value #LATEST} articles, newest first. */
    public static List<Article> latest(World world, Outlet outlet, int published) {
        List<Article> latest = new ArrayList<>();
        for (int n = published - 1; n >= Math.max(0, published - LATEST); n--) {
            latest.add(world.article(outlet, n));
        }
        return latest;
    }

    private static byte[] xpi(World world, Outlet outlet, int published) {
        return Channels.packageArchive(outlet, "xpi", Channels.logo(outlet), latest(world, outlet, published));
    }

    /** Issue N: articles (N-1)*10 .. N*10-1, as multipart with the outlet's logo attached. */
    static String issue(World world, Outlet outlet, int issue) {
        List<Article> articles = new ArrayList<>();
        for (int n = (issue - 1) * ISSUE; n < issue * ISSUE; n++) {
            articles.add(world.article(outlet, n));
        }
        String boundary = "range-" + outlet.id() + "-" + issue;
        StringBuilder mail = new StringBuilder();
        mail.append("From: ").append(outlet.name()).append(" <").append(outlet.newsletterAddress()).append(">\r\n")
                .append("To: subscribers@range.test\r\n")
                .append("Subject: ").append(outlet.name()).append(" issue ").append(issue).append("\r\n")
                .append("Date: Thu, 1 Jan 2026 00:00:00 +0000\r\n")
                .append("Message-ID: <").append(outlet.id()).append("-").append(issue).append("@range.test>\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n").append(MARK).append("\r\n\r\n");
        for (Article article : articles) {
            mail.append(article.title()).append("\r\n").append(article.url()).append("\r\n\r\n");
        }
        String logo = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Channels.logo(outlet));
        mail.append("--").append(boundary).append("\r\nContent-Type: image/png; name=\"logo.png\"\r\n")
                .append("Content-Disposition: attachment; filename=\"logo.png\"\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n").append(logo).append("\r\n--").append(boundary)
                .append("--\r\n");
        return mail.toString();
    }

    static String atom(Outlet outlet, List<Article> latest) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>" + escape(outlet.name()) + "</title>"
                + "<id>urn:range:" + outlet.id() + "</id><updated>2026-01-01T00:00:00Z</updated>"
                + "<link rel=\"self\" href=\"http://" + outlet.primaryDomain() + "/atom.xml\"/>\n");
        for (Article article : latest) {
            xml.append("<entry><title>").append(escape(article.title())).append("</title><id>urn:range:")
                    .append(article.id()).append("</id><updated>2026-01-01T00:00:00Z</updated><link href=\"")
                    .append(article.url()).append("\"/><link rel=\"enclosure\" type=\"image/png\" href=\"")
                    .append(article.imageUrl()).append("\"/><summary>").append(MARK).append("</summary></entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
