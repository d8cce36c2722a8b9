package io.takedown.operations.deconfliction;

import io.takedown.core.InvalidInputException;
import java.util.Locale;

/** What a "do not touch" entry covers: one URL (canonical form) or a domain and its subdomains. */
public enum Scope {
    URL, DOMAIN;

    public static Scope parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, "scope must be url or domain, got '" + text + "'");
        }
    }
}
