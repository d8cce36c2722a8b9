package io.takedown.range;

/**
 * How big a world is. Items are generated from (seed, index) on demand, so even the large world is
 * streamed, never held in memory at once.
 *
 * @param outlets fictional outlets
 * @param articlesPerOutlet articles each publishes (each with one image)
 * @param imageCopies altered re-uploads of each image on mirrors
 * @param textCopies edited copies of each article's text
 */
public record RangeSize(String name, int outlets, int articlesPerOutlet, int imageCopies, int textCopies) {

    public static final RangeSize SMALL = new RangeSize("small", 3, 12, 3, 1);
    public static final RangeSize MEDIUM = new RangeSize("medium", 6, 1_000, 3, 1);
    public static final RangeSize LARGE = new RangeSize("large", 40, 6_250, 3, 1);

    public static RangeSize parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "small" -> SMALL;
            case "medium" -> MEDIUM;
            case "large" -> LARGE;
            default -> throw new io.takedown.core.InvalidInputException(null,
                    "unknown range size '" + name + "'; use small, medium or large");
        };
    }

    public long articles() {
        return (long) outlets * articlesPerOutlet;
    }

    /** Originals, image copies and text copies. */
    public long items() {
        return articles() * (1 + imageCopies + textCopies);
    }
}
