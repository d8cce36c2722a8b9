package io.takedown.signals.media;

import io.takedown.core.InvalidInputException;

/** An image that cannot be decoded safely: corrupt, truncated, unsupported, or over a limit. */
public class ImageDecodingException extends InvalidInputException {

    public ImageDecodingException(String source, String message) {
        super(source, message);
    }

    public ImageDecodingException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
