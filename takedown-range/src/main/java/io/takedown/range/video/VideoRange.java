package io.takedown.range.video;

import io.takedown.range.Outlet;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.signals.video.Ffmpeg;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The videos of a {@link World}: a number of originals per outlet, each with one altered copy per
 * {@link VideoAlteration}, and the FFmpeg runs that make their files. Everything is computed from the world's
 * seed and the item's id on demand.
 *
 * <p>Determinism: the painted frames depend only on the seed. The files are H.264 in MP4 made by FFmpeg with
 * one thread and its bit-exact flags, so the same FFmpeg build writes the same bytes; another FFmpeg or x264
 * version may write other bytes from the same frames.
 */
public final class VideoRange {

    private static final int[][] SIZES = {{384, 216}, {384, 216}, {320, 180}, {216, 384}};
    /** Shorter sides of the sizes platforms transcode to. */
    private static final int[] LADDER = {144, 240, 360, 480};
    private static final int[] RATES = {10, 12, 15};
    /** Originals are encoded near-losslessly, as the outlet's own upload would be. */
    private static final int ORIGINAL_CRF = 18;
    /** Copies whose alteration is not about quality are re-encoded as a platform would. */
    private static final int COPY_CRF = 26;

    private final World world;
    private final int videosPerOutlet;
    private final Ffmpeg ffmpeg;

    private VideoRange(World world, int videosPerOutlet, Ffmpeg ffmpeg) {
        if (videosPerOutlet < 1) {
            throw new IllegalArgumentException("at least one video per outlet");
        }
        this.world = world;
        this.videosPerOutlet = videosPerOutlet;
        this.ffmpeg = ffmpeg;
    }

    /** The videos of {@code world}, encoded by the FFmpeg on the PATH. */
    public static VideoRange of(World world, int videosPerOutlet) {
        return new VideoRange(world, videosPerOutlet, Ffmpeg.installed());
    }

    public static VideoRange of(World world, int videosPerOutlet, Ffmpeg ffmpeg) {
        return new VideoRange(world, videosPerOutlet, ffmpeg);
    }

    /**
     * Videos per outlet for a range size: 1 on the small world (3 videos, 21 copies: the smoke test), 20 on the
     * medium one (120 videos, 840 copies), 100 on the large one.
     */
    public static int videosPerOutlet(RangeSize size) {
        return switch (size.name()) {
            case "small" -> 1;
            case "medium" -> 20;
            default -> 100;
        };
    }

    public World world() {
        return world;
    }

    public int videosPerOutlet() {
        return videosPerOutlet;
    }

    /** Every original, outlet by outlet. */
    public List<RangeVideo> originals() {
        return world.outlets().stream()
                .flatMap(outlet -> IntStream.range(0, videosPerOutlet).mapToObj(n -> video(outlet, n))).toList();
    }

    public RangeVideo video(Outlet outlet, int number) {
        String id = String.format(Locale.ROOT, "%s-v%04d", outlet.id(), number);
        SplittableRandom random = world.random(id + "/video");
        int[] size = SIZES[random.nextInt(SIZES.length)];
        int fps = RATES[random.nextInt(RATES.length)];
        int seconds = 6 + random.nextInt(5);
        return new RangeVideo(outlet, number, id, size[0], size[1], fps, fps * seconds);
    }

    /** What the video shows, frame by frame. */
    public VideoFrames frames(RangeVideo video) {
        return new VideoFrames(video, world.random(video.id() + "/frames"));
    }

    /** One altered copy of {@code original} per alteration, in the order of {@link VideoAlteration}. */
    public List<VideoCopy> copies(RangeVideo original) {
        List<VideoCopy> copies = new ArrayList<>();
        for (VideoAlteration alteration : VideoAlteration.values()) {
            copies.add(copy(original, alteration));
        }
        return copies;
    }

    public VideoCopy copy(RangeVideo original, VideoAlteration alteration) {
        String id = original.id() + "-" + alteration.label();
        SplittableRandom random = world.random(id + "/alteration");
        int w = original.width();
        int h = original.height();
        List<String> options = new ArrayList<>();
        String detail;
        int crf = COPY_CRF;
        switch (alteration) {
            case REENCODED -> {
                crf = 30 + random.nextInt(11);
                int[] rates = {24, 25, 30};
                if (random.nextBoolean()) {
                    int fps = rates[random.nextInt(rates.length)];
                    filter(options, "fps=" + fps);
                    detail = "CRF " + crf + ", " + fps + " fps";
                } else {
                    detail = "CRF " + crf;
                }
            }
            case TRIMMED -> {
                int keptTenths = (int) Math.round(original.seconds() * (5 + random.nextInt(4)));
                int spare = (int) Math.round(original.seconds() * 10) - keptTenths;
                int startTenths = random.nextInt(Math.max(1, spare + 1));
                String start = tenths(startTenths);
                String kept = tenths(keptTenths);
                options.addAll(List.of("-ss", start, "-t", kept));
                detail = "from " + start + " s, " + kept + " s kept";
            }
            case CROPPED -> {
                int cw = even(w * (80 + random.nextInt(13)) / 100);
                int ch = even(h * (80 + random.nextInt(13)) / 100);
                int x = random.nextInt(w - cw + 1);
                int y = random.nextInt(h - ch + 1);
                filter(options, "crop=" + cw + ":" + ch + ":" + x + ":" + y);
                detail = cw + "x" + ch + " at " + x + "," + y;
            }
            case RESIZED -> {
                int shorter = Math.min(w, h);
                int target = LADDER[random.nextInt(LADDER.length)];
                if (target == shorter) {
                    target = LADDER[0];
                }
                int rw = even(w * target / shorter);
                int rh = even(h * target / shorter);
                filter(options, "scale=" + rw + ":" + rh);
                detail = rw + "x" + rh;
            }
            case SPED_UP -> {
                int quarters = 5 + random.nextInt(4);
                String speed = String.format(Locale.ROOT, "%.2f", quarters / 4.0);
                filter(options, "setpts=PTS*4/" + quarters);
                options.addAll(List.of("-r", Integer.toString(original.fps())));
                detail = speed + " times as fast";
            }
            case LOGO_OVERLAY -> {
                int side = even(Math.min(w, h) * (12 + random.nextInt(9)) / 100);
                int margin = 4 + random.nextInt(8);
                int corner = random.nextInt(4);
                int x = corner % 2 == 0 ? margin : w - side - margin;
                int y = corner < 2 ? margin : h - side - margin;
                String alpha = new String[] {"1.0", "0.7", "0.5"}[random.nextInt(3)];
                String outer = String.format(Locale.ROOT, "0x%06X@%s", random.nextInt(0x1000000), alpha);
                String inner = String.format(Locale.ROOT, "0x%06X@%s", random.nextInt(0x1000000), alpha);
                filter(options, "drawbox=x=" + x + ":y=" + y + ":w=" + side + ":h=" + side + ":color=" + outer + ":t=fill,"
                        + "drawbox=x=" + (x + side / 4) + ":y=" + (y + side / 4) + ":w=" + side / 2 + ":h=" + side / 2
                        + ":color=" + inner + ":t=fill");
                detail = side + " px box at " + x + "," + y + ", opacity " + alpha;
            }
            case MIRRORED -> {
                filter(options, "hflip");
                detail = "left to right";
            }
            default -> throw new IllegalStateException("unknown alteration " + alteration);
        }
        options.addAll(encoder(crf));
        return new VideoCopy(id, original, alteration, detail, options);
    }

    /** Paints {@code video}'s frames and encodes them as H.264 in MP4 at {@code out}. */
    public Path encode(RangeVideo video, Path out) throws IOException {
        VideoFrames frames = frames(video);
        List<String> arguments = new ArrayList<>(List.of("-filter_threads", "1", "-f", "rawvideo", "-pix_fmt", "rgb24",
                "-s", video.width() + "x" + video.height(), "-r", Integer.toString(video.fps()), "-i", "pipe:0"));
        arguments.addAll(encoder(ORIGINAL_CRF));
        arguments.addAll(List.of("-y", out.toString()));
        ffmpeg.execute(arguments, Duration.ofMinutes(2), stdin -> write(stdin, video, frames));
        return out;
    }

    /** Makes {@code copy} from its original's file (as {@link #encode} wrote it) at {@code out}. */
    public Path alter(VideoCopy copy, Path originalFile, Path out) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-filter_threads", "1", "-i", originalFile.toString()));
        arguments.addAll(copy.outputOptions());
        arguments.addAll(List.of("-y", out.toString()));
        ffmpeg.execute(arguments, Duration.ofMinutes(2), stdin -> { });
        return out;
    }

    private static void write(OutputStream stdin, RangeVideo video, VideoFrames frames) throws IOException {
        for (int n = 0; n < video.frames(); n++) {
            stdin.write(frames.rgb(n));
        }
    }

    private static List<String> encoder(int crf) {
        return List.of("-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", Integer.toString(crf), "-threads", "1",
                "-pix_fmt", "yuv420p", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1");
    }

    private static void filter(List<String> options, String filter) {
        options.addAll(List.of("-vf", filter));
    }

    private static int even(int value) {
        return Math.max(2, value - value % 2);
    }

    private static String tenths(int tenths) {
        return (tenths / 10) + "." + (tenths % 10);
    }
}
