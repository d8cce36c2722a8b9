package io.takedown.range;

/**
 * How a mirror alters an image it re-uploads: the evasions seen in the wild. A hard evasion destroys or
 * displaces part of the picture (text over it, a turn, a small panel of a larger image); the goal is that
 * matching finds at least 99 % of the copies of every other class and 90 % of the hard ones.
 */
public enum Transform {
    JPEG_HIGH("re-encoded as JPEG, quality 85", false),
    JPEG_LOW("re-encoded as JPEG, quality 45", false),
    RESIZE("scaled to 70 %", false),
    CROP("edges trimmed by 1-2 pixels, scaled back to size", false),
    WATERMARK("small watermark box in a corner", false),
    COLOUR_SHIFT("colours shifted", false),
    BORDER("framed by a 1-3 pixel border, scaled back to size", false),
    FLIP("mirrored left to right", false),
    FRAME("framed by a uniform border of any width (2-30 % a side)", false),
    LETTERBOX("letterboxed or pillarboxed to 16:9", false),
    CAPTION("caption band with text added above or below", false),
    GREYSCALE("turned to greyscale", false),
    JPEG_HEAVY("re-encoded as JPEG, quality 10", false),
    MEME_TEXT("meme text drawn over the picture", true),
    ROTATE("turned by 1-5 degrees, corners filled", true),
    SCREENSHOT("screenshot of a messaging app showing it", true),
    COLLAGE("one panel of a collage of 2-4 pictures", true);

    private final String description;
    private final boolean hard;

    Transform(String description, boolean hard) {
        this.description = description;
        this.hard = hard;
    }

    public String description() {
        return description;
    }

    /** Marked hard in the ground truth: part of the picture is covered, turned or made small. */
    public boolean hard() {
        return hard;
    }

    /** Saved as PNG (pixels untouched after the alteration, as screenshots are) rather than JPEG. */
    public boolean lossless() {
        return this == FLIP || this == WATERMARK || this == SCREENSHOT;
    }
}
