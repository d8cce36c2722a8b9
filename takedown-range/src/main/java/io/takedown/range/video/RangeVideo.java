package io.takedown.range.video;

import io.takedown.range.Outlet;

/**
 * One original video of an outlet: its size, frame rate and length. What its frames show is drawn from the
 * stream named after its id ({@link VideoFrames}).
 *
 * @param id e.g. {@code o02-v0007}
 * @param frames number of frames ({@code frames / fps} seconds)
 */
public record RangeVideo(Outlet outlet, int number, String id, int width, int height, int fps, int frames) {

    public double seconds() {
        return (double) frames / fps;
    }

    /** Where the outlet published it. */
    public String url() {
        return "http://" + outlet.primaryDomain() + "/media/video-" + number + ".mp4";
    }
}
