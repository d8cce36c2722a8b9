package io.takedown.core;

/**
 * Input that Takedown refuses: corrupt or truncated files, declared sizes over a limit, malformed text.
 * The message names what was wrong and, where known, where ({@code source}).
 */
public class InvalidInputException extends TakedownException {

    private final String source;
    private final String reason;

    public InvalidInputException(String source, String message) {
        super(Kind.INVALID_INPUT, source == null ? message : source + ": " + message);
        this.source = source;
        this.reason = message;
    }

    public InvalidInputException(String source, String message, Throwable cause) {
        super(Kind.INVALID_INPUT, source == null ? message : source + ": " + message, cause);
        this.source = source;
        this.reason = message;
    }

    /** The problem without the source, for reports that show the source in a column of its own. */
    public String reason() {
        return reason;
    }

    /** The file, line or field the error is about, or {@code null} when not tied to one. */
    public String source() {
        return source;
    }
}
