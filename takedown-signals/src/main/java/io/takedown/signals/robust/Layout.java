package io.takedown.signals.robust;

import io.takedown.signals.media.DecodedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where the picture sits in an image: inside uniform borders (frames, letterboxing, the margins of an app
 * screen) and, for images made of several pictures (collages, screenshots, caption bands), which panels
 * they are made of. A row or column is uniform when nearly all its pixels lie within a small tolerance of
 * its mean luma, so JPEG noise on a flat border still counts as flat; panels are found by cutting along runs
 * of uniform rows, then columns, recursively (an XY cut, as page-layout analysis does).
 */
public final class Layout {

    /** Luma steps a border pixel may differ from its line's mean (JPEG noise on flat colour stays inside). */
    static final int TOLERANCE = 12;
    /** Smallest panel side worth hashing: PDQ needs some detail, text lines and icons are smaller. */
    static final int MIN_SIDE = 64;
    /** Uniform rows or columns a cut needs, so a one-pixel flat line inside a picture does not split it. */
    static final int MIN_GAP = 2;
    private static final int MAX_DEPTH = 4;
    /** A part thinner than this across the cut is a line of text or a rule rather than a picture. */
    static final int THIN = 32;
    /** Parts a top-level span joins at most. */
    private static final int MAX_SPAN = 4;

    private final DecodedImage image;
    private final int width;
    private final int[] luma;

    private Layout(DecodedImage image) {
        this.image = image;
        this.width = image.width();
        this.luma = luma(image);
    }

    public static Layout of(DecodedImage image) {
        return new Layout(image);
    }

    /** The picture without the uniform rows and columns around it; empty when it has none or is all border. */
    public Optional<Region> unframed() {
        Region whole = Region.of(image);
        Region trimmed = trim(whole);
        return trimmed == null || trimmed.equals(whole) ? Optional.empty() : Optional.of(trimmed);
    }

    /**
     * The panels of an image made of several pictures and the pieces they are cut into, largest first, at
     * most {@code limit}; empty when nothing divides the image. Panels smaller than {@link #MIN_SIDE} on a side or than {@code minShare} of the
     * image's area are left out.
     */
    public List<Region> panels(int limit, double minShare) {
        List<Region> pieces = new ArrayList<>();
        Region start = trim(Region.of(image));
        if (start == null) {
            return List.of();
        }
        cut(start, 0, pieces);
        long minArea = (long) (minShare * image.width() * image.height());
        return pieces.stream().filter(r -> r.area() >= minArea).distinct()
                .sorted(Comparator.comparingLong(Region::area).reversed().thenComparingInt(Region::y)
                        .thenComparingInt(Region::x))
                .limit(limit).toList();
    }

    /**
     * Runs of consecutive top-level parts (two to {@link #MAX_SPAN}), largest first, at most {@code limit}: a
     * caption band above a picture that holds flat rows of its own leaves the picture in several parts, and
     * their span is the picture. Only queries need them; the whole image is not among them.
     */
    public List<Region> spans(int limit, double minShare) {
        Region start = trim(Region.of(image));
        if (start == null) {
            return List.of();
        }
        List<Region> found = new ArrayList<>();
        for (boolean rows : new boolean[] {true, false}) {
            List<Region> parts = split(start, rows);
            if (parts.size() > 1) {
                spans(parts, rows, found);
                break;
            }
        }
        long minArea = (long) (minShare * image.width() * image.height());
        return found.stream().filter(r -> r.area() >= minArea).distinct()
                .sorted(Comparator.comparingLong(Region::area).reversed().thenComparingInt(Region::y)
                        .thenComparingInt(Region::x))
                .limit(limit).toList();
    }

    /**
     * The image without the thin strips at its top and bottom: the top-level parts of an XY cut along uniform
     * rows that are thinner than {@link #THIN} (lines of text, rules) are dropped from both ends, down to the
     * first thick part. A caption band's lines go, and so do a picture's own thin strips at its edges (a
     * caption bar of its own); because a bank applies the same rule to the media it holds, the captioned copy
     * and the original are cut to the same rows however the picture's flat rows split it. Empty when no thin
     * edge strip exists, or when nothing thick is left.
     */
    public Optional<Region> core() {
        Region start = trim(Region.of(image));
        if (start == null) {
            return Optional.empty();
        }
        List<Region> parts = split(start, true);
        int first = 0;
        int last = parts.size() - 1;
        while (first <= last && parts.get(first).height() < THIN) {
            first++;
        }
        while (last >= first && parts.get(last).height() < THIN) {
            last--;
        }
        if (first > last || (first == 0 && last == parts.size() - 1)) {
            return Optional.empty();
        }
        // Rows only: trimming columns again would follow JPEG ringing at the picture's edges, and the bank's
        // lossless original and a re-encoded copy would be cut a few columns apart.
        Region top = parts.get(first);
        Region bottom = parts.get(last);
        Region core = new Region(start.x(), top.y(), start.width(), bottom.y() + bottom.height() - top.y());
        return core.width() < MIN_SIDE || core.height() < MIN_SIDE ? Optional.empty() : Optional.of(core);
    }

    /**
     * Adds every piece of the cut, not only the smallest: a picture may hold a flat line of its own, and the
     * piece that is the whole picture must be among the candidates even when the cut goes on inside it.
     */
    private void cut(Region region, int depth, List<Region> pieces) {
        if (depth == MAX_DEPTH) {
            return;
        }
        for (boolean rows : new boolean[] {true, false}) {
            List<Region> parts = split(region, rows);
            if (parts.size() > 1) {
                for (Region part : parts) {
                    Region trimmed = trim(part);
                    if (trimmed != null && trimmed.width() >= MIN_SIDE && trimmed.height() >= MIN_SIDE) {
                        pieces.add(trimmed);
                        cut(trimmed, depth + 1, pieces);
                    }
                }
                return;
            }
        }
    }

    private void spans(List<Region> parts, boolean rows, List<Region> pieces) {
        for (int i = 0; i < parts.size(); i++) {
            for (int j = i + 1; j < parts.size() && j - i <= MAX_SPAN; j++) {
                Region first = parts.get(i);
                Region last = parts.get(j);
                Region span = rows ? new Region(first.x(), first.y(), first.width(), last.y() + last.height() - first.y())
                        : new Region(first.x(), first.y(), last.x() + last.width() - first.x(), first.height());
                Region trimmed = trim(span);
                if (trimmed != null && trimmed.width() >= MIN_SIDE && trimmed.height() >= MIN_SIDE
                        && !(i == 0 && j == parts.size() - 1)) {
                    pieces.add(trimmed);
                }
            }
        }
    }

    /** The region cut along every run of at least {@link #MIN_GAP} uniform rows (or columns). */
    private List<Region> split(Region region, boolean rows) {
        List<Region> pieces = new ArrayList<>();
        int length = rows ? region.height() : region.width();
        int start = 0;
        int run = 0;
        for (int i = 0; i < length; i++) {
            boolean flat = rows ? uniformRow(region.y() + i, region.x(), region.width())
                    : uniformColumn(region.x() + i, region.y(), region.height());
            if (flat) {
                run++;
                continue;
            }
            if (run >= MIN_GAP && i - run > start) {
                pieces.add(piece(region, rows, start, i - run));
                start = i;
            } else if (run >= MIN_GAP) {
                start = i;
            }
            run = 0;
        }
        int end = length - run;
        if (end > start) {
            pieces.add(piece(region, rows, start, end));
        }
        return pieces;
    }

    private static Region piece(Region region, boolean rows, int from, int to) {
        return rows ? new Region(region.x(), region.y() + from, region.width(), to - from)
                : new Region(region.x() + from, region.y(), to - from, region.height());
    }

    /** The region without uniform edge rows and columns, trimmed until stable; null when nothing is left. */
    private Region trim(Region region) {
        int x0 = region.x();
        int y0 = region.y();
        int x1 = x0 + region.width();
        int y1 = y0 + region.height();
        boolean changed = true;
        while (changed && x1 > x0 && y1 > y0) {
            changed = false;
            while (y1 > y0 && uniformRow(y0, x0, x1 - x0)) {
                y0++;
                changed = true;
            }
            while (y1 > y0 && uniformRow(y1 - 1, x0, x1 - x0)) {
                y1--;
                changed = true;
            }
            while (x1 > x0 && y1 > y0 && uniformColumn(x0, y0, y1 - y0)) {
                x0++;
                changed = true;
            }
            while (x1 > x0 && y1 > y0 && uniformColumn(x1 - 1, y0, y1 - y0)) {
                x1--;
                changed = true;
            }
        }
        return x1 > x0 && y1 > y0 ? new Region(x0, y0, x1 - x0, y1 - y0) : null;
    }

    private boolean uniformRow(int y, int x, int length) {
        return uniform(y * width + x, 1, length);
    }

    private boolean uniformColumn(int x, int y, int length) {
        return uniform(y * width + x, width, length);
    }

    /**
     * Whether {@code length} pixels from {@code start}, {@code step} apart, are one flat colour: nearly all
     * within {@link #TOLERANCE} of their mean. A gentle gradient in a picture passes too; that is harmless
     * as long as banked media and queries are cut by the same rule (the bank keeps the pieces as well).
     */
    private boolean uniform(int start, int step, int length) {
        long sum = 0;
        for (int i = 0, p = start; i < length; i++, p += step) {
            sum += luma[p];
        }
        int mean = (int) (sum / length);
        int allowed = length / 50;
        for (int i = 0, p = start; i < length; i++, p += step) {
            if (Math.abs(luma[p] - mean) > TOLERANCE && --allowed < 0) {
                return false;
            }
        }
        return true;
    }

    /** Integer luma with PDQ's weights; the tests above only compare it with itself. */
    private static int[] luma(DecodedImage image) {
        byte[] p = image.pixels();
        int[] out = new int[image.width() * image.height()];
        if (image.grey()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = p[i] & 0xff;
            }
        } else {
            for (int i = 0, j = 0; i < out.length; i++, j += 3) {
                out[i] = (299 * (p[j] & 0xff) + 587 * (p[j + 1] & 0xff) + 114 * (p[j + 2] & 0xff) + 500) / 1000;
            }
        }
        return out;
    }
}
