package io.takedown.signals.sha256;

import io.takedown.signals.HexDigestSignalType;
import java.util.List;

/** SHA-256 of the file's bytes: identifies exactly this file, the digest evidence records carry. */
public final class Sha256Signal extends HexDigestSignalType {

    public static final String NAME = "sha256";

    public Sha256Signal() {
        super(NAME, "SHA-256", 64);
    }

    @Override
    public List<String> examples() {
        return List.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
    }
}
