package io.takedown.signals;

import java.util.OptionalInt;

/**
 * One fingerprint of one piece of content, in its type's canonical text form.
 *
 * @param type the signal type's name ({@code md5}, {@code pdq}, ...)
 * @param value canonical text form, as {@link SignalType#validate} returns it
 * @param quality 0..100 where the type grades its own reliability (PDQ), else empty
 */
public record Signal(String type, String value, OptionalInt quality) {

    public Signal {
        if (type == null || type.isBlank() || value == null) {
            throw new IllegalArgumentException("a signal needs a type and a value");
        }
    }

    public static Signal of(String type, String value) {
        return new Signal(type, value, OptionalInt.empty());
    }
}
