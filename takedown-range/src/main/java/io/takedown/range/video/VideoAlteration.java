package io.takedown.range.video;

/**
 * How a re-uploader alters a video before posting it again. Each copy is re-encoded as part of its
 * alteration; the parameters (quality, cut points, crop box, speed ...) come from the copy's own random stream.
 */
public enum VideoAlteration {
    REENCODED("re-encoded at lower quality (CRF 30-40), frame rate sometimes changed", false),
    TRIMMED("start and end cut off, 50-80 % kept", false),
    CROPPED("cropped to 80-92 % of each side, at the cropped size", true),
    RESIZED("scaled to another size of a platform's ladder (144p to 480p)", false),
    SPED_UP("played 1.25-2 times faster at the same frame rate", false),
    LOGO_OVERLAY("another channel's logo box (12-20 % of the height, opaque or not) in a corner", false),
    MIRRORED("mirrored left to right", false);

    private final String description;
    private final boolean hard;

    VideoAlteration(String description, boolean hard) {
        this.description = description;
        this.hard = hard;
    }

    public String description() {
        return description;
    }

    /**
     * Marked hard in the ground truth: every frame's content is moved against PDQ's grid and its edges lost
     * (PDQ, and so vPDQ, is not built to survive crops).
     */
    public boolean hard() {
        return hard;
    }

    /** The lower-case name used in tables and ground truth ({@code sped_up}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
