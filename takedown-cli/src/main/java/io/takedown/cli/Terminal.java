package io.takedown.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is watching: progress bars only then, never in pipes, files or CI logs. */
final class Terminal {

    private Terminal() {
    }

    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22 on; since then System.console() is non-null in pipes too.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
