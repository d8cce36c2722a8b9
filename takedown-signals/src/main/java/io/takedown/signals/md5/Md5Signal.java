package io.takedown.signals.md5;

import io.takedown.signals.HexDigestSignalType;
import java.util.List;

/**
 * MD5 of the file's bytes. Kept because shared hash lists still exchange it; collisions can be crafted,
 * so an MD5 match alone never justifies an order without a second signal or human review.
 */
public final class Md5Signal extends HexDigestSignalType {

    public static final String NAME = "md5";

    public Md5Signal() {
        super(NAME, "MD5", 32);
    }

    @Override
    public List<String> examples() {
        return List.of("d41d8cd98f00b204e9800998ecf8427e", "9e107d9d372bb6826bd81d3542a419d6");
    }
}
