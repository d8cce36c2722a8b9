package io.takedown.core;

/**
 * Base of every error Takedown reports to a person. The {@link Kind} decides the exit code of the CLI and
 * the HTTP status of the API, so callers never parse messages.
 */
public class TakedownException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** The input is malformed, corrupt or outside a limit; fixing the input fixes the error. */
        INVALID_INPUT,
        /** The named thing does not exist. */
        NOT_FOUND,
        /** The request conflicts with the current state (e.g. an invalid transition). */
        CONFLICT,
        /** The caller may not do this. */
        FORBIDDEN,
        /** Reading or writing storage failed. */
        IO
    }

    private final Kind kind;

    public TakedownException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TakedownException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
