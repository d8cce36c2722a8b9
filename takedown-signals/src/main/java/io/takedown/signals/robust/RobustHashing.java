package io.takedown.signals.robust;

import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.pdq.Dihedral;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extra PDQ hashes that make matching survive evasions, labelled as bank variants are
 * ({@code pixel-flipx}, {@code unframed}, {@code panel-1}, ...). Hashes below PDQ's conventional quality
 * are left out: flat pieces collide with everything. One instance per thread.
 */
public final class RobustHashing {

    /** Prefix of the orientation variants' labels, beside PDQ's own (DCT) dihedral labels. */
    public static final String PIXEL = "pixel-";
    public static final String UNFRAMED = "unframed";
    public static final String PANEL = "panel-";
    public static final String SPAN = "span-";
    public static final String CENTRE = "centre";
    public static final String MIDDLE = "middle";
    /** The image without thin strips (text lines) at its top and bottom, on both sides of a match. */
    public static final String CORE = "core";
    /** The middle turned back by the measured angle, one way ({@code unturned-1}) and the other ({@code unturned-2}). */
    public static final String UNTURNED = "unturned-";
    /** Side share of the middle kept by the centre variants: a turn by 8 degrees stays outside it. */
    static final double CENTRE_SHARE = 0.8;
    /** Panels searched per query at most, largest first. */
    static final int MAX_PANELS = 8;
    /** Spans of top-level parts searched per query at most, largest first. */
    static final int MAX_SPANS = 4;
    /** A panel must cover this share of the image to be searched (a 3 x 3 collage's panels do). */
    static final double MIN_PANEL_SHARE = 0.08;

    /** Pieces of banked media stored at most, and the share of the image each must cover. */
    static final int BANK_PANELS = 3;
    static final double BANK_PANEL_SHARE = 0.25;

    private final PdqImageHashing pdq = new PdqImageHashing();

    /**
     * What a bank stores beside the PDQ of media it holds: the image in the seven other pixel orientations,
     * without its uniform borders when it has some, its middle (what a slightly turned copy keeps), and its
     * largest panels (a collage or screenshot query is cut the same way). A mirrored copy then matches an
     * entry as it is, at no cost to the query.
     */
    public Map<String, PdqResult> bankVariants(DecodedImage image) {
        Map<String, PdqResult> variants = new LinkedHashMap<>();
        for (Dihedral transform : Dihedral.values()) {
            if (transform != Dihedral.ORIGINAL) {
                keep(variants, PIXEL + transform.label(), pdq.hash(PixelDihedral.apply(image, transform)));
            }
        }
        Layout layout = Layout.of(image);
        layout.unframed().ifPresent(region -> keep(variants, UNFRAMED, pdq.hash(region.crop(image))));
        layout.core().ifPresent(region -> keep(variants, CORE, pdq.hash(region.crop(image))));
        // The picture's own large pieces: a query cut out of a collage or a screenshot is cut the same way.
        keep(variants, CENTRE, pdq.hash(Skew.centre(image, CENTRE_SHARE).crop(image)));
        keep(variants, MIDDLE, pdq.hash(middle(image).crop(image)));
        List<Region> panels = layout.panels(BANK_PANELS, BANK_PANEL_SHARE);
        for (int i = 0; i < panels.size(); i++) {
            keep(variants, PANEL + (i + 1), pdq.hash(panels.get(i).crop(image)));
        }
        return variants;
    }

    /**
     * What a query searches beside its own PDQ: the image without its uniform borders, the panels and runs of
     * panels it is cut into, and, when its corners show a small rotation, its middle turned back either way.
     * Empty for a plain picture without flat rows, so many queries cost nothing extra.
     */
    public Map<String, PdqResult> queryVariants(DecodedImage image) {
        Map<String, PdqResult> variants = new LinkedHashMap<>();
        Layout layout = Layout.of(image);
        layout.unframed().ifPresent(region -> keep(variants, UNFRAMED, pdq.hash(region.crop(image))));
        layout.core().ifPresent(region -> keep(variants, CORE, pdq.hash(region.crop(image))));
        keep(variants, MIDDLE, pdq.hash(middle(image).crop(image)));
        List<Region> panels = layout.panels(MAX_PANELS, MIN_PANEL_SHARE);
        for (int i = 0; i < panels.size(); i++) {
            keep(variants, PANEL + (i + 1), pdq.hash(panels.get(i).crop(image)));
        }
        Skew.angle(image).ifPresent(angle -> {
            for (int sign : new int[] {1, -1}) {
                DecodedImage turned = Skew.rotate(image, sign * angle);
                keep(variants, sign > 0 ? UNTURNED + "1" : UNTURNED + "2",
                        pdq.hash(Skew.centre(turned, CENTRE_SHARE).crop(turned)));
            }
        });
        List<Region> spans = layout.spans(MAX_SPANS, MIN_PANEL_SHARE);
        for (int i = 0; i < spans.size(); i++) {
            keep(variants, SPAN + (i + 1), pdq.hash(spans.get(i).crop(image)));
        }
        return variants;
    }

    /** The rows between the top and bottom fifths, full width: what meme text at the top and bottom leaves. */
    static Region middle(DecodedImage image) {
        int top = image.height() / 5;
        return new Region(0, top, image.width(), Math.max(1, image.height() - 2 * top));
    }

    private static void keep(Map<String, PdqResult> variants, String label, PdqResult result) {
        if (result.quality() >= PdqResult.CONVENTIONAL_MIN_QUALITY) {
            variants.put(label, result);
        }
    }
}
