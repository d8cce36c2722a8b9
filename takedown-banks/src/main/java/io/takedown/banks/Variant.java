package io.takedown.banks;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Marks an entry that holds the signal of a transformed copy of banked content rather than of the content
 * itself, e.g. the PDQ of the image rotated by 90 degrees or mirrored, so that a transformed upload matches
 * without searching query-side variants.
 *
 * @param transform the transform's name, as the dihedral variants are named ({@code rotate90}, {@code flipx}, ...)
 * @param of the entry of the original content, when it is in the store
 */
public record Variant(String transform, OptionalLong of) {

    public Variant {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(of, "of");
        if (!transform.matches("[a-z0-9][a-z0-9_.-]{0,39}")) {
            throw new IllegalArgumentException("transform '" + transform + "' must be 1-40 lowercase letters, digits, . _ -");
        }
    }
}
