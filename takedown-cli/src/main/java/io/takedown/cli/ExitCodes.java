package io.takedown.cli;

import io.takedown.core.TakedownException;

/**
 * What {@code takedown} returns to the shell. Scripts rely on these; they never change meaning.
 * Documented in {@code docs/operations.md}.
 */
public final class ExitCodes {

    /** Everything done. */
    public static final int OK = 0;
    /** The command ran to the end but some inputs failed; each failure is a row naming its path. */
    public static final int SOME_INPUTS_FAILED = 1;
    /** Wrong options or arguments. */
    public static final int USAGE = 2;
    /** The input as a whole was refused (malformed file, limit exceeded). */
    public static final int INVALID_INPUT = 3;
    /** A named thing (bank, case, order, file) does not exist. */
    public static final int NOT_FOUND = 4;
    /** The request conflicts with the current state, e.g. an invalid transition. */
    public static final int CONFLICT = 5;
    /** The acting user may not do this. */
    public static final int FORBIDDEN = 6;
    /** Storage or file system failure. */
    public static final int IO = 7;
    /** A bug: please report it with the stack trace printed under {@code --verbose}. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    public static int of(TakedownException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> INVALID_INPUT;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case FORBIDDEN -> FORBIDDEN;
            case IO -> IO;
        };
    }
}
