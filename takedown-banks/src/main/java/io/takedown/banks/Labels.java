package io.takedown.banks;

import io.takedown.core.InvalidInputException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Label syntax: lowercase {@code namespace:value} or a bare word. The behaviour namespace is closed to
 * the categories referral units and the GIFCT taxonomy use; other namespaces (entity, outlet, language,
 * campaign) are free.
 */
public final class Labels {

    public static final Set<String> BEHAVIOURS = Set.of("glorification", "recruitment", "instruction", "threat",
            "incitement", "propaganda", "financing");

    private static final Pattern SYNTAX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,49}(:[a-z0-9][a-z0-9_.-]{0,49})?");

    private Labels() {
    }

    /** The canonical form, or an error naming the problem. A bare behaviour gets its namespace. */
    public static String canonical(String label) {
        String trimmed = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        if (!SYNTAX.matcher(trimmed).matches()) {
            throw new InvalidInputException(null, "label '" + label + "' is not of the form word or namespace:word "
                    + "(lowercase letters, digits, . _ -)");
        }
        if (BEHAVIOURS.contains(trimmed)) {
            return "behaviour:" + trimmed;
        }
        if (trimmed.startsWith("behaviour:") && !BEHAVIOURS.contains(trimmed.substring("behaviour:".length()))) {
            throw new InvalidInputException(null, "unknown behaviour '" + trimmed.substring(10) + "'; known: "
                    + String.join(", ", new java.util.TreeSet<>(BEHAVIOURS)));
        }
        return trimmed;
    }
}
