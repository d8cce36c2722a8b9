package io.takedown.signals.hashing;

import org.apache.tika.Tika;

/**
 * Names what a file is from its first bytes (Tika's magic database) with the file name as a tie-breaker.
 * The extension is never trusted alone: a propaganda image renamed {@code .txt} is still an image.
 */
public final class MediaTypeSniffer {

    /** Enough bytes for every magic Tika's core database checks for images and text. */
    public static final int PREFIX_BYTES = 8192;

    private static final Tika TIKA = new Tika();

    public String sniff(byte[] prefix, int length, String fileName) {
        byte[] exact = length == prefix.length ? prefix : java.util.Arrays.copyOf(prefix, length);
        return TIKA.detect(exact, fileName);
    }

    public static boolean isImage(String mediaType) {
        return mediaType.startsWith("image/");
    }

    /** Video containers (MP4, QuickTime, Matroska/WebM, AVI, FLV, MPEG...), which FFmpeg decodes. */
    public static boolean isVideo(String mediaType) {
        return mediaType.startsWith("video/") || mediaType.equals("application/mp4");
    }

    public static boolean isText(String mediaType) {
        return mediaType.startsWith("text/") || mediaType.equals("application/xhtml+xml")
                || mediaType.equals("application/json");
    }
}
