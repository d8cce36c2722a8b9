package io.takedown.signals.pdq;

import io.takedown.signals.ContentType;
import io.takedown.signals.ImageHasher;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import io.takedown.signals.media.DecodedImage;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * PDQ perceptual hash of a photo. Survives re-encoding, resizing, mild crops, colour shifts and (with the
 * dihedral variants) flips and rotations; conventionally a match is a Hamming distance of at most 31 bits.
 * It does not survive heavy crops, large overlays, or collages, and flat images (quality under 50) collide.
 */
public final class PdqSignal implements SignalType, ImageHasher {

    public static final String NAME = "pdq";
    /** The threshold HMA and ThreatExchange use. */
    public static final int DEFAULT_MATCH_DISTANCE = 31;

    private static final ThreadLocal<PdqImageHashing> HASHING = ThreadLocal.withInitial(PdqImageHashing::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.PHOTO);
    }

    @Override
    public String validate(String value) {
        return PdqHash.fromHex(value == null ? null : value.trim()).toHex().toLowerCase(Locale.ROOT);
    }

    @Override
    public int distance(String a, String b) {
        return PdqHash.fromHex(a.trim()).hammingDistance(PdqHash.fromHex(b.trim()));
    }

    @Override
    public Signal hash(DecodedImage image) {
        PdqResult result = hashImage(image);
        return new Signal(NAME, result.hash().toHex(), OptionalInt.of(result.quality()));
    }

    /** The hash with its quality, for callers that need the typed value. */
    public static PdqResult hashImage(DecodedImage image) {
        return HASHING.get().hash(image);
    }

    @Override
    public List<String> examples() {
        return List.of("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22",
                "0000000000000000000000000000000000000000000000000000000000000000");
    }
}
