package io.takedown.range.infra;

import io.takedown.range.Article;
import io.takedown.range.Channels;
import io.takedown.range.Copy;
import io.takedown.range.Images;
import io.takedown.range.Outlet;
import io.takedown.range.World;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * What the infrastructure serves besides the world's own pages: home pages in each site's kit, favicons,
 * stylesheets and logos (the shared assets mirror detection looks at), update and configuration files,
 * and removed content put back under {@code /r/}. All of it derives from the seed and the site.
 */
public final class SitePages {

    static final String MARK = "[SYNTHETIC RANGE CONTENT]";
    private static final String[] NEUTRAL = {
        "The harvest festival moved to the town square this year.", "Rain is expected over the coast on Tuesday.",
        "The library extended its opening hours for the exam season.", "A new cycling path links the two villages.",
        "Local bakers shared recipes for rye bread.", "The museum opened a room on old maps.",
        "Volunteers repaired the footbridge over the river.", "The choir rehearses every Thursday evening.",
        "Prices of garden tools fell in the spring sale.", "The ferry timetable changes with the season."};

    private final World world;

    SitePages(World world) {
        this.world = world;
    }

    Optional<Page> render(Site site, String path, List<Resurfaced> placed) {
        Optional<Outlet> outlet = site.outlet().flatMap(this::outlet);
        if (path.equals("/favicon.ico")) {
            return Optional.of(new Page("image/x-icon", favicon(site)));
        }
        if (path.equals("/assets/site.css")) {
            return Optional.of(new Page("text/css", utf8(css(site))));
        }
        if (path.equals("/assets/logo.png") && outlet.isPresent() && site.kit().startsWith("outlet:")) {
            return Optional.of(new Page("image/png", Channels.logo(outlet.get())));
        }
        if (path.equals("/") || path.equals("/index.html")) {
            return Optional.of(new Page("text/html; charset=utf-8", utf8(home(site, outlet, placed))));
        }
        if (outlet.isPresent() && (path.equals("/updates.json") || path.equals("/ext/updates.json"))) {
            return Optional.of(new Page("application/json", utf8("{\"addons\": {\"" + outlet.get().id()
                    + "@range.test\": {\"updates\": [{\"version\": \"1.0\"}]}}, \"note\": \"" + MARK + "\"}\n")));
        }
        if (outlet.isPresent() && path.equals("/app/config.json")) {
            return Optional.of(new Page("application/json", utf8("{\"package\": \"test.range." + outlet.get().id()
                    + "\", \"feed\": \"http://" + outlet.get().primaryDomain() + "/feed.xml\", \"note\": \"" + MARK + "\"}\n")));
        }
        if (path.startsWith("/r/")) {
            return resurfaced(path, placed);
        }
        if (path.equals("/img/q.png") && site.quotes().isPresent()) {
            return outlet(site.quotes().get()).map(o -> new Page("image/png", Images.png(Images.original(world, quoted(site, o)))));
        }
        return Optional.empty();
    }

    private Optional<Outlet> outlet(String id) {
        return world.outlets().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** The article a quoting decoy reports on. */
    private Article quoted(Site site, Outlet outlet) {
        SplittableRandom random = world.random("infra/quote/" + site.domain());
        return world.article(outlet, random.nextInt(world.size().articlesPerOutlet()));
    }

    private Optional<Page> resurfaced(String path, List<Resurfaced> placed) {
        for (Resurfaced back : placed) {
            if (!back.url().contains("/r/")) {
                continue; // put back by a re-hosting provider: the world's own pages serve it
            }
            String page = back.url().substring(back.url().indexOf("/r/"));
            String media = back.mediaUrl().isEmpty() ? "" : back.mediaUrl().substring(back.mediaUrl().indexOf("/r/"));
            Optional<ContentRef> content = ContentRef.ofId(world, back.item());
            if (content.isEmpty()) {
                continue;
            }
            Article article = content.get().article();
            Optional<Copy> copy = content.get().copy();
            if (path.equals(page)) {
                String text = copy.map(c -> c.image() ? "" : world.edited(c)).orElse(article.text());
                StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(article.language())
                        .append("\"><head><meta charset=\"utf-8\"><title>").append(escape(article.title()))
                        .append("</title></head><body>\n<h1>").append(escape(article.title())).append("</h1>\n");
                if (!media.isEmpty()) {
                    html.append("<img src=\"").append(media).append("\" alt=\"synthetic image\">\n");
                }
                if (!text.isEmpty()) {
                    html.append("<p>").append(escape(text)).append("</p>\n");
                }
                return Optional.of(new Page("text/html; charset=utf-8", utf8(html.append("</body></html>\n").toString())));
            }
            if (!media.isEmpty() && path.equals(media)) {
                byte[] bytes = copy.isPresent() ? Images.copy(world, copy.get())
                        : media.endsWith(".jpg") ? Images.jpeg(Images.original(world, article), 0.85f)
                        : Images.png(Images.original(world, article));
                return Optional.of(new Page(media.endsWith(".jpg") ? "image/jpeg" : "image/png", bytes));
            }
        }
        return Optional.empty();
    }

    private String home(Site site, Optional<Outlet> outlet, List<Resurfaced> placed) {
        String kit = site.kit();
        StringBuilder head = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(outlet.map(Outlet::name).orElse(site.domain()))).append("</title>")
                .append("<link rel=\"icon\" href=\"/favicon.ico\"><link rel=\"stylesheet\" href=\"/assets/site.css\">");
        site.analyticsId().ifPresent(id -> head.append("<script>var analytics='").append(id).append("';</script>"));
        head.append("</head><body>\n");
        String body;
        if (kit.equals("plain")) {
            body = "<p>" + MARK + "</p>\n<p>update service</p>\n";
        } else if (site.role() == SiteRole.DECOY) {
            body = decoy(site);
        } else {
            body = mirror(site, outlet.orElseThrow(), placed);
        }
        return head + body + "</body></html>\n";
    }

    /** The classes of a kit's wrappers: an outlet's theme is its own, a common one is everyone's. */
    private String[] classes(String kit) {
        SplittableRandom random = world.random("infra/kit/" + kit);
        String[] out = new String[5];
        for (int i = 0; i < out.length; i++) {
            out[i] = InfraNames.word(random) + "-" + InfraNames.word(random);
        }
        return out;
    }

    private String mirror(Site site, Outlet outlet, List<Resurfaced> placed) {
        SplittableRandom random = world.random("infra/home/" + site.domain());
        List<Article> latest = new ArrayList<>();
        int last = world.size().articlesPerOutlet() - 1;
        for (int n = last; n >= Math.max(0, last - 29); n--) {
            if (random.nextDouble() < 0.7) {
                latest.add(world.article(outlet, n));
            }
        }
        StringBuilder html = new StringBuilder();
        if (site.kit().startsWith("outlet:")) {
            String[] c = classes(site.kit());
            html.append("<div class=\"").append(c[0]).append("\"><header class=\"").append(c[1]).append("\">")
                    .append("<img src=\"/assets/logo.png\" alt=\"logo\"><h1>").append(escape(outlet.name()))
                    .append("</h1><p>").append(MARK).append("</p></header>\n<section class=\"").append(c[2]).append("\"><ul>\n");
            for (Article article : latest) {
                html.append("<li><a href=\"").append(article.url()).append("\">").append(escape(article.title()))
                        .append("</a></li>\n");
            }
            html.append("</ul></section>\n");
            if (!placed.isEmpty()) {
                html.append("<section class=\"").append(c[3]).append("\"><ul>\n");
                placed.forEach(back -> html.append("<li><a href=\"").append(back.url()).append("\">").append(back.item())
                        .append("</a></li>\n"));
                html.append("</ul></section>\n");
            }
            return html.append("<footer class=\"").append(c[4]).append("\"><a href=\"/feed.xml\">RSS</a></footer></div>\n")
                    .toString();
        }
        html.append("<div class=\"site\"><header class=\"site-header\"><h1 class=\"site-title\">").append(escape(outlet.name()))
                .append("</h1></header>\n<main class=\"content\">\n");
        for (Article article : latest) {
            html.append("<article class=\"post\"><h2 class=\"entry-title\"><a href=\"").append(article.url()).append("\">")
                    .append(escape(article.title())).append("</a></h2></article>\n");
        }
        placed.forEach(back -> html.append("<article class=\"post\"><h2 class=\"entry-title\"><a href=\"").append(back.url())
                .append("\">").append(back.item()).append("</a></h2></article>\n"));
        return html.append("</main>\n<footer class=\"site-footer\">Powered by Plume CMS</footer></div>\n").toString();
    }

    private String decoy(Site site) {
        SplittableRandom random = world.random("infra/decoy/" + site.domain());
        StringBuilder html = new StringBuilder();
        Optional<Article> quoted = site.quotes().flatMap(this::outlet).map(o -> quoted(site, o));
        switch (site.kit()) {
            case "news" -> {
                html.append("<header class=\"masthead\"><h1>").append(site.domain()).append("</h1><nav><a href=\"/\">Home</a>")
                        .append("</nav></header>\n<main>\n");
                quoted.ifPresent(article -> html.append("<article class=\"story\"><h2>Reporting on ")
                        .append(escape(article.outlet().name())).append("</h2><blockquote><p>").append(escape(article.title()))
                        .append("</p><p>").append(escape(article.text())).append("</p></blockquote><figure>")
                        .append("<img src=\"/img/q.png\" alt=\"screenshot\"><figcaption>as published</figcaption></figure></article>\n"));
                for (int i = 0; i < 4; i++) {
                    html.append("<article class=\"story\"><h2>").append(neutral(random)).append("</h2><p>").append(neutral(random))
                            .append(' ').append(neutral(random)).append("</p></article>\n");
                }
                html.append("</main>\n");
            }
            case "cms" -> {
                html.append("<div class=\"site\"><header class=\"site-header\"><h1 class=\"site-title\">").append(site.domain())
                        .append("</h1></header>\n<main class=\"content\">\n");
                for (int i = 0; i < 6; i++) {
                    html.append("<article class=\"post\"><h2 class=\"entry-title\"><a href=\"/\">").append(neutral(random))
                            .append("</a></h2></article>\n");
                }
                html.append("</main>\n<footer class=\"site-footer\">Powered by Plume CMS</footer></div>\n");
            }
            case "shop" -> {
                html.append("<div class=\"shop\"><h1>").append(site.domain()).append("</h1><div class=\"grid\">\n");
                for (int i = 0; i < 8; i++) {
                    html.append("<div class=\"product\"><span class=\"name\">item ").append(InfraNames.word(random))
                            .append("</span><span class=\"price\">").append(5 + random.nextInt(95)).append(" EUR</span></div>\n");
                }
                html.append("</div></div>\n");
            }
            default -> {
                // The same theme as an outlet's sites: same wrappers, other content.
                String[] c = classes(site.kit());
                html.append("<div class=\"").append(c[0]).append("\"><header class=\"").append(c[1]).append("\"><h1>")
                        .append(site.domain()).append("</h1><p>").append(neutral(random)).append("</p></header>\n<section class=\"")
                        .append(c[2]).append("\"><ul>\n");
                quoted.ifPresent(article -> html.append("<li><a href=\"").append(article.url()).append("\">")
                        .append(escape(article.title())).append("</a></li>\n"));
                for (int i = 0; i < 8; i++) {
                    html.append("<li><a href=\"/\">").append(neutral(random)).append("</a></li>\n");
                }
                html.append("</ul></section>\n<footer class=\"").append(c[4]).append("\">").append(neutral(random))
                        .append("</footer></div>\n");
            }
        }
        return html.toString();
    }

    private static String neutral(SplittableRandom random) {
        return NEUTRAL[random.nextInt(NEUTRAL.length)];
    }

    private String css(Site site) {
        if (site.outletCss() && site.outlet().isPresent()) {
            Outlet outlet = outlet(site.outlet().get()).orElseThrow();
            String[] c = classes("outlet:" + outlet.id());
            return "/* " + outlet.name() + " */\n." + c[0] + " { max-width: 60em; margin: auto; }\n." + c[1]
                    + " { border-bottom: 3px solid #" + String.format("%06x", outlet.logoColour()) + "; }\n." + c[2]
                    + " li { margin: .3em 0; }\n";
        }
        return switch (site.kit()) {
            case "news" -> ".masthead { font: bold 2em serif; }\n.story { margin: 1em 0; }\n";
            case "shop" -> ".grid { display: grid; grid-template-columns: repeat(4, 1fr); }\n";
            case "plain" -> "body { font-family: monospace; }\n";
            default -> ".site { max-width: 50em; margin: auto; }\n.site-footer { color: #777; }\n";
        };
    }

    private byte[] favicon(Site site) {
        return switch (site.favicon()) {
            case OUTLET -> Channels.logo(site.outlet().flatMap(this::outlet).orElseThrow());
            case REDRAWN -> redrawn(Channels.logo(site.outlet().flatMap(this::outlet).orElseThrow()));
            case STOCK -> icon(0x3366cc, 0xffffff);
            case OWN -> icon(world.random("infra/icon/" + site.domain()).nextInt(0x1000000), 0xffffff);
        };
    }

    /** The same mark at 32 x 32: the same picture to a person, other bytes and another hash to a machine. */
    private static byte[] redrawn(byte[] png) {
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(png));
            BufferedImage out = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, 32, 32, null);
            g.dispose();
            return Images.png(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] icon(int background, int foreground) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(background));
        g.fillRect(0, 0, 16, 16);
        g.setColor(new Color(foreground));
        g.fillRect(4, 4, 8, 8);
        g.dispose();
        return Images.png(image);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
