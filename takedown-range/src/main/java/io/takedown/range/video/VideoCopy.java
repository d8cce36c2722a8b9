package io.takedown.range.video;

import java.util.List;

/**
 * An altered re-upload of a {@link RangeVideo}: the ground truth of where it comes from and how it was made.
 *
 * @param id e.g. {@code o02-v0007-trimmed}
 * @param detail the alteration's parameters in words ({@code "from 1.4 s, 5.2 s kept"})
 * @param outputOptions FFmpeg's options between the original as input and the copy as output, filters included
 */
public record VideoCopy(String id, RangeVideo original, VideoAlteration alteration, String detail,
                        List<String> outputOptions) {

    public VideoCopy {
        outputOptions = List.copyOf(outputOptions);
    }

    /** One line of ground truth, as JSON. */
    public String groundTruthJson() {
        return "{\"copy\":\"" + id + "\",\"original\":\"" + original.id() + "\",\"outlet\":\"" + original.outlet().id()
                + "\",\"original_url\":\"" + original.url() + "\",\"alteration\":\"" + alteration.label()
                + "\",\"hard\":" + alteration.hard() + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}";
    }
}
