package io.takedown.range;

/** How a mirror alters an image it re-uploads. */
public enum Transform {
    JPEG_HIGH("re-encoded as JPEG, quality 85"),
    JPEG_LOW("re-encoded as JPEG, quality 45"),
    RESIZE("scaled to 70 %"),
    CROP("edges trimmed by 1-2 pixels, scaled back to size"),
    WATERMARK("small watermark box in a corner"),
    COLOUR_SHIFT("colours shifted"),
    BORDER("framed by a 1-3 pixel border, scaled back to size"),
    FLIP("mirrored left to right: a perceptual hash needs its dihedral variants to match");

    private final String description;

    Transform(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean lossless() {
        return this == FLIP || this == WATERMARK;
    }
}
