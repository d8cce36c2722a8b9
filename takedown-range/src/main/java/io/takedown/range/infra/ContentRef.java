package io.takedown.range.infra;

import io.takedown.range.Article;
import io.takedown.range.Copy;
import io.takedown.range.Outlet;
import io.takedown.range.World;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The article or copy a range URL shows: a page or its image, wherever it is served.
 *
 * @param copy empty for the original article
 */
public record ContentRef(Article article, Optional<Copy> copy) {

    /** {@code o01-a00003} for an article, {@code o01-a00003-c1} for a copy. */
    public String id() {
        return copy.map(Copy::id).orElse(article.id());
    }

    public Outlet outlet() {
        return article.outlet();
    }

    /** Whether it carries an image (articles and image copies) rather than only text. */
    public boolean image() {
        return copy.map(Copy::image).orElse(true);
    }

    public static Optional<ContentRef> parse(World world, String url) {
        try {
            String path = URI.create(url).getPath();
            if (path == null) {
                return Optional.empty();
            }
            if (path.startsWith("/rehosted/")) {
                path = path.substring("/rehosted".length());
            }
            String host = URI.create(url).getHost();
            Optional<Outlet> outlet = host == null ? Optional.empty() : world.outletOf(host);
            if (outlet.isPresent() && (path.startsWith("/articles/") || path.startsWith("/media/"))) {
                String file = path.substring(path.lastIndexOf('/') + 1);
                int number = Integer.parseInt(file.substring(0, file.indexOf('.')));
                return article(world, outlet.get(), number).map(a -> new ContentRef(a, Optional.empty()));
            }
            if (path.startsWith("/m/") || path.startsWith("/t/") || path.startsWith("/r/")) {
                String file = path.substring(3);
                int dot = file.lastIndexOf('.');
                return ofId(world, dot < 0 ? file : file.substring(0, dot));
            }
            return Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Parses an item id; empty when it names nothing in the world. */
    public static Optional<ContentRef> ofId(World world, String id) {
        String[] parts = id.split("-");
        if (parts.length < 2 || parts.length > 3 || !parts[1].startsWith("a")) {
            return Optional.empty();
        }
        try {
            Optional<Outlet> outlet = world.outlets().stream().filter(o -> o.id().equals(parts[0])).findFirst();
            if (outlet.isEmpty()) {
                return Optional.empty();
            }
            Optional<Article> article = article(world, outlet.get(), Integer.parseInt(parts[1].substring(1)));
            if (article.isEmpty() || parts.length == 2) {
                return article.map(a -> new ContentRef(a, Optional.empty()));
            }
            if (!parts[2].startsWith("c")) {
                return Optional.empty();
            }
            int number = Integer.parseInt(parts[2].substring(1));
            List<Copy> copies = world.copies(article.get());
            return number >= 0 && number < copies.size()
                    ? Optional.of(new ContentRef(article.get(), Optional.of(copies.get(number)))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Article> article(World world, Outlet outlet, int number) {
        return number >= 0 && number < world.size().articlesPerOutlet()
                ? Optional.of(world.article(outlet, number)) : Optional.empty();
    }
}
