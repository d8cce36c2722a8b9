package io.takedown.signals.video;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads what {@code ffprobe -of default} printed about the container ({@code [FORMAT]}) and the first video
 * stream ({@code [STREAM]}): {@code key=value} lines, {@code N/A} for unknown values. Anything else in the
 * output is ignored; a missing or malformed figure becomes unknown, never an exception other than
 * {@link VideoDecodingException}.
 */
final class ProbeReport {

    /** The entries asked of ffprobe, in its {@code -show_entries} syntax. */
    static final String ENTRIES = "stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,nb_frames,"
            + "duration:format=format_name,duration";

    private ProbeReport() {
    }

    static VideoInfo parse(String output, String source) {
        Map<String, String> stream = new HashMap<>();
        Map<String, String> format = new HashMap<>();
        Map<String, String> section = null;
        boolean sawStream = false;
        for (String raw : output.split("\n", -1)) {
            String line = raw.strip();
            switch (line) {
                case "[STREAM]" -> {
                    section = sawStream ? null : stream;
                    sawStream = true;
                }
                case "[FORMAT]" -> section = format;
                case "[/STREAM]", "[/FORMAT]" -> section = null;
                default -> {
                    int equals = line.indexOf('=');
                    if (section != null && equals > 0) {
                        section.putIfAbsent(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
            }
        }
        if (!sawStream || !"video".equals(stream.getOrDefault("codec_type", "video"))) {
            throw new VideoDecodingException(source, "no video stream");
        }
        long width = integer(stream.get("width")).orElse(0);
        long height = integer(stream.get("height")).orElse(0);
        double frameRate = rate(stream.get("avg_frame_rate"));
        if (!(frameRate > 0)) {
            frameRate = rate(stream.get("r_frame_rate"));
        }
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new VideoDecodingException(source, "video declares no usable frame rate");
        }
        double seconds = decimal(format.get("duration"));
        if (Double.isNaN(seconds)) {
            seconds = decimal(stream.get("duration"));
        }
        return new VideoInfo(format.getOrDefault("format_name", "unknown"), stream.getOrDefault("codec_name", "unknown"),
                (int) Math.min(Integer.MAX_VALUE, width), (int) Math.min(Integer.MAX_VALUE, height), frameRate,
                seconds, integer(stream.get("nb_frames")));
    }

    private static OptionalLong integer(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? OptionalLong.empty() : OptionalLong.of(parsed);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static double decimal(String value) {
        if (value == null) {
            return Double.NaN;
        }
        try {
            double parsed = Double.parseDouble(value.trim().toLowerCase(Locale.ROOT));
            return Double.isFinite(parsed) ? parsed : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@code 30000/1001}, or a plain number; NaN when unknown or zero over zero. */
    private static double rate(String value) {
        if (value == null) {
            return Double.NaN;
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            return decimal(value);
        }
        OptionalLong numerator = integer(value.substring(0, slash));
        OptionalLong denominator = integer(value.substring(slash + 1));
        if (numerator.isEmpty() || denominator.isEmpty() || denominator.getAsLong() == 0) {
            return Double.NaN;
        }
        return (double) numerator.getAsLong() / denominator.getAsLong();
    }
}
