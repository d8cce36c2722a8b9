package io.takedown.signals.video;

import io.takedown.core.InvalidInputException;

/** A video that cannot be decoded safely: corrupt, truncated, unsupported, over a limit, or no FFmpeg. */
public class VideoDecodingException extends InvalidInputException {

    public VideoDecodingException(String source, String message) {
        super(source, message);
    }

    public VideoDecodingException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
