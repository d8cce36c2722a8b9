package io.takedown.core;

/**
 * Input that Takedown refuses: corrupt or truncated files, declared sizes over a limit, malformed text.
 * The message names what was wrong and, where known, where ({@code source}).
 */
public class InvalidInputException extends TakedownException {

    private final String source;

    public InvalidInputException(String source, String message) {
        super(Kind.INVALID_INPUT, source == null ? message : source + ": " + message);
        this.source = source;
    }

    public InvalidInputException(String source, String message, Throwable cause) {
        super(Kind.INVALID_INPUT, source == null ? message : source + ": " + message, cause);
        this.source = source;
    }

    /** The file, line or field the error is about, or {@code null} when not tied to one. */
    public String source() {
        return source;
    }
}
